import { RequireGrant } from '@ejournal/auth';
import { JournalOpenedV1, newEventId } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { MANAGERS } from '../../edge/access';
import { INVALID_REQUEST } from '../../edge/journal-request';
import { CommandRequest } from '../../edge/request.decorator';
import { dispatch, type Request } from '../../write/dispatch';

const id = JournalOpenedV1.data.shape.journalId;
const body = JournalOpenedV1.data.extend({
  journalId: id.optional(),
  teacherIds: z.array(id).max(10).default([]),
});

@ApiTags('journals')
@Controller('journals')
export class OpenJournalController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @RequireGrant(MANAGERS, (request) => ({
    schoolId: String((request.body as { schoolId?: unknown } | null)?.schoolId ?? ''),
  }))
  @ApiOperation({
    summary: 'Opens a journal of a class or group for a subject or activity, with its teachers',
  })
  @ApiZodBody(body)
  open(
    @Body(zodPipe(body, INVALID_REQUEST)) journal: z.infer<typeof body>,
    @CommandRequest() request: Request,
  ) {
    const journalId = journal.journalId ?? newEventId();
    return dispatch(this.bus, journalId, { type: 'OpenJournal', ...journal, journalId }, request);
  }
}
