import { CurrentPrincipal, RequireGrant, scopeFrom, type Principal } from '@ejournal/auth';
import {
  ApiProblem,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  NotFoundProblem,
  UnprocessableProblem,
  zodPipe,
} from '@ejournal/http';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DiaryCommand } from '../../edge/diary-command';
import { WEBHOOK_RESOURCE } from '../../edge/diary-scope-resolver';
import { DiaryFacts } from '../../facts/diary-facts';
import { INVALID_REQUEST } from '../../reads/read-week/read-week.http';
import { NOT_YOUR_WEBHOOK, WebhookAccess, WEBHOOK_NOT_FOUND } from '../webhook-access';
import { WebhookEndpoints } from '../webhook-endpoints';
import { WebhookTargets } from '../webhook-targets';
import { registerWebhookBody, webhookView } from '../webhook-schemas';

const EXAMPLE = {
  url: 'https://app.school-1.example/diary-webhooks',
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  schoolIds: ['school-1'],
  kinds: ['mark_recorded', 'mark_corrected'],
};
const listQuery = z.strictObject({
  /** A school administrator names one of her schools; a regional operator may omit it. */
  schoolId: z.string().optional(),
});
const webhookList = z.strictObject({ items: z.array(webhookView) }).meta({ id: 'Webhooks' });
export const MANAGE_WEBHOOK = scopeFrom.resourceParam(WEBHOOK_RESOURCE, 'endpointId');

@ApiTags('webhooks')
@Controller('webhooks')
export class RegisterWebhookController {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly access: WebhookAccess,
    private readonly facts: DiaryFacts,
    private readonly targets: WebhookTargets,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireGrant('regional_operator')
  @RequireGrant('school_admin', scopeFrom.bodySchool('schoolIds'))
  @DiaryCommand()
  @ApiProblem(404, 'DIARY.SCHOOL_NOT_FOUND')
  @ApiProblem(422, 'DIARY.WEBHOOK_TARGET_FORBIDDEN')
  @ApiOperation({
    summary:
      'Registers a school app’s endpoint: every notification of these schools and kinds is ' +
      'POSTed to it, signed per Standard Webhooks with the secret (a school administrator of ' +
      'each school, or a regional operator)',
  })
  @ApiZodBody(registerWebhookBody, EXAMPLE)
  @ApiZodResponse(201, webhookView, 'Registered; notifications made from now on are sent')
  async register(
    @Body(zodPipe(registerWebhookBody, INVALID_REQUEST)) body: z.output<typeof registerWebhookBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    for (const schoolId of body.schoolIds)
      if (!(await this.facts.timeZone(schoolId)))
        throw new NotFoundProblem('DIARY.SCHOOL_NOT_FOUND', 'The diary knows no such school');
    // A name that does not resolve yet is accepted (the app may not be deployed); every
    // delivery attempt judges the target again.
    const verdict = await this.targets.judge(body.url);
    if (!verdict.allowed && verdict.code === 'FORBIDDEN_ADDRESS')
      throw new UnprocessableProblem('DIARY.WEBHOOK_TARGET_FORBIDDEN', verdict.reason);
    return this.endpoints.register({ ...body, registeredBy: principal.subject });
  }

  @Get()
  @RequireGrant('regional_operator')
  @RequireGrant('school_admin', scopeFrom.schoolQuery('schoolId'))
  @ApiOperation({ summary: 'The endpoints the caller manages (of one school when named)' })
  @ApiZodQuery(listQuery)
  @ApiZodResponse(200, webhookList, 'The endpoints')
  async list(
    @Query(zodPipe(listQuery, INVALID_REQUEST)) query: z.infer<typeof listQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const items = await this.endpoints.list(this.access.managedSchools(principal));
    return {
      items: query.schoolId
        ? items.filter((item) => item.schoolIds.includes(query.schoolId as string))
        : items,
    };
  }

  @Get(':endpointId')
  @RequireGrant(['school_admin', 'regional_operator'], MANAGE_WEBHOOK)
  @ApiProblem(403, NOT_YOUR_WEBHOOK)
  @ApiProblem(404, WEBHOOK_NOT_FOUND)
  @ApiOperation({ summary: 'One endpoint (its secrets are never answered)' })
  @ApiZodResponse(200, webhookView, 'The endpoint')
  read(@Param('endpointId') endpointId: string, @CurrentPrincipal() principal: Principal) {
    return this.access.endpoint(principal, endpointId);
  }

  @Delete(':endpointId')
  @HttpCode(204)
  @RequireGrant(['school_admin', 'regional_operator'], MANAGE_WEBHOOK)
  @DiaryCommand()
  @ApiProblem(403, NOT_YOUR_WEBHOOK)
  @ApiProblem(404, WEBHOOK_NOT_FOUND)
  @ApiOperation({ summary: 'Stops deliveries to the endpoint and removes it from the list' })
  async remove(@Param('endpointId') endpointId: string, @CurrentPrincipal() principal: Principal) {
    await this.access.endpoint(principal, endpointId);
    await this.endpoints.disable(endpointId);
  }
}
