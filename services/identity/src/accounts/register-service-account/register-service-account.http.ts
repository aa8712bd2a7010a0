import { grantSchema, RequireGrant } from '@ejournal/auth';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Header, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { IdentityConfig } from '../../config';
import { REGION_OPERATORS } from '../../edge/access';
import { INVALID_REQUEST } from '../../edge/fields';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { ServiceAccounts } from '../../sign-in/service-accounts';
import { IdentityCommand } from '../../edge/idempotent-replies';

const body = z.strictObject({
  clientId: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/),
  grants: z.array(grantSchema).max(50).optional(),
});

@ApiTags('accounts')
@Controller('service-accounts')
export class RegisterServiceAccountController {
  constructor(
    private readonly accounts: ServiceAccounts,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Post()
  @IdentityCommand()
  @RequireGrant(REGION_OPERATORS)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Registers a service account (journal, diary, archive); the secret is shown once',
  })
  @ApiZodBody(body)
  register(@Body(zodPipe(body, INVALID_REQUEST)) { clientId, grants }: z.infer<typeof body>) {
    const regionGrant = {
      role: 'service' as const,
      scope: { kind: 'region' as const, id: this.config.IDENTITY_REGION_ID },
    };
    return this.accounts.register(clientId, grants ?? [regionGrant]);
  }
}
