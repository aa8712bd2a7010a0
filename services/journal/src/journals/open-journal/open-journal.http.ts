import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { JournalOpenedV1, newEventId } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { MANAGERS } from '../../edge/access';
import { INVALID_REQUEST } from '../../edge/journal-request';
import {
  GROUP_RESOURCE,
  JOURNAL_ID_TAKEN,
  JOURNAL_RESOURCE,
  TEACHER_RESOURCE,
} from '../../edge/journal-scope-resolver';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { JournalCommands } from '../../write/journal-commands';
import { JournalCommand } from '../../edge/command-docs';

const id = JournalOpenedV1.data.shape.journalId;
const body = JournalOpenedV1.data.extend({
  journalId: id.optional(),
  teacherIds: z.array(id).max(10).default([]),
});

/**
 * A journal, group or teacher the body names, where the records place it; one they do not know
 * lies in the body's school (a journal opened with a chosen id, facts still on their way).
 */
const inBodySchool = (kind: string, name: string) =>
  scopeFrom.bodyResource(kind, name, { inBodySchool: 'schoolId' });

@ApiTags('journals')
@Controller('journals')
export class OpenJournalController {
  constructor(private readonly commands: JournalCommands) {}

  @Post()
  @JournalCommand(
    'JOURNAL.ALREADY_OPENED',
    'JOURNAL.NO_CALENDAR',
    'JOURNAL.UNKNOWN_SCHOOL',
    'JOURNAL.SUBJECT_REQUIRED',
    'JOURNAL.SCALE_NOT_ALLOWED',
    'JOURNAL.DATE_OUTSIDE_YEAR',
    'JOURNAL.UNKNOWN_GROUP',
    'JOURNAL.GROUP_OF_ANOTHER_YEAR',
  )
  // The school, the group where it lies, and a chosen journal id where that journal lies: a
  // group of another school is answered as an unknown one (422 JOURNAL.UNKNOWN_GROUP), a
  // teacher as 422 JOURNAL.UNKNOWN_TEACHER, another school's journal id as taken (409); a
  // teacher whose staff grant has not reached the journal yet counts as the body school's.
  @RequireGrant(
    MANAGERS,
    scopeFrom.all(
      scopeFrom.bodySchool(),
      inBodySchool(GROUP_RESOURCE, 'groupId'),
      scopeFrom.bodyResource(JOURNAL_RESOURCE, 'journalId', {
        inBodySchool: 'schoolId',
        unseen: JOURNAL_ID_TAKEN,
      }),
      inBodySchool(TEACHER_RESOURCE, 'teacherIds'),
    ),
  )
  @ApiOperation({
    summary: 'Opens a journal of a class or group for a subject or activity, with its teachers',
  })
  @ApiZodBody(body)
  open(
    @Body(zodPipe(body, INVALID_REQUEST)) journal: z.infer<typeof body>,
    @CommandRequest() request: Request,
  ) {
    const journalId = journal.journalId ?? newEventId();
    return this.commands.execute(
      journalId,
      { type: 'OpenJournal', ...journal, journalId },
      request,
    );
  }
}
