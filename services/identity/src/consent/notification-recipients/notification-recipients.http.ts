import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { ApiZodQuery, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SCHOOL_STAFF } from '../../edge/access';
import { dateField, INVALID_REQUEST, personIdField } from '../../edge/fields';
import { Today } from '../../people/today';
import { RecipientsQuery } from './recipients-query';

const query = z.strictObject({ on: dateField.optional() });

/**
 * The consent gate (152-FZ): the guardians the diary may notify about a pupil, ids only.
 * A guardian without a consent to diary notifications is never in the list.
 */
@ApiTags('consent')
@Controller('pupils/:pupilId/notification-recipients')
export class NotificationRecipientsController {
  constructor(
    private readonly consentGate: RecipientsQuery,
    private readonly today: Today,
  ) {}

  @Get()
  @RequireGrant(['service', ...SCHOOL_STAFF], scopeFrom.resourceParam('pupil', 'pupilId'))
  @ApiOperation({
    summary:
      'Guardians the diary may notify about the pupil on a date: linked, unrestricted, consenting',
  })
  @ApiZodQuery(query)
  async recipients(
    @Param('pupilId', zodPipe(personIdField, INVALID_REQUEST)) pupilId: string,
    @Query(zodPipe(query, INVALID_REQUEST)) { on }: z.infer<typeof query>,
  ) {
    const date = on ?? this.today.date();
    return { pupilId, on: date, guardianIds: await this.consentGate.of(pupilId, date) };
  }
}
