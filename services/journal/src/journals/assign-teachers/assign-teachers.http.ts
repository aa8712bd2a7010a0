import { SubstituteAssignedV1, TeacherAssignedV1, TeacherUnassignedV1 } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { AUTHORISERS, MANAGERS } from '../../edge/access';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import {
  INVALID_REQUEST,
  JournalController,
  OverJournalWithTeacher,
} from '../../edge/journal-request';
import { JournalCommands } from '../../write/journal-commands';
import { JournalCommand } from '../../edge/command-docs';

const assign = TeacherAssignedV1.data;
const unassign = TeacherUnassignedV1.data.omit({ teacherId: true });
const substitute = SubstituteAssignedV1.data;

@JournalController('teachers')
export class AssignTeachersController {
  constructor(private readonly commands: JournalCommands) {}

  @Post('teachers')
  @JournalCommand('JOURNAL.TEACHER_ALREADY_ASSIGNED', 'JOURNAL.DATE_OUTSIDE_YEAR')
  @OverJournalWithTeacher(MANAGERS, { body: 'teacherId' })
  @ApiOperation({ summary: 'Assigns a teacher to the journal from a date' })
  @ApiZodBody(assign)
  assign(
    @Param('journalId') journalId: string,
    @Body(zodPipe(assign, INVALID_REQUEST)) body: z.infer<typeof assign>,
    @CommandRequest() request: Request,
  ) {
    return this.commands.execute(journalId, { type: 'AssignTeacher', ...body }, request);
  }

  @Post('teachers/:teacherId/unassignment')
  @JournalCommand('JOURNAL.TEACHER_NOT_ASSIGNED', 'JOURNAL.DATE_OUTSIDE_YEAR')
  @OverJournalWithTeacher(MANAGERS, { param: 'teacherId' })
  @ApiOperation({ summary: 'Ends a teacher’s assignment; onDate is the first day without it' })
  @ApiZodBody(unassign)
  unassign(
    @Param('journalId') journalId: string,
    @Param('teacherId') teacherId: string,
    @Body(zodPipe(unassign, INVALID_REQUEST)) body: z.infer<typeof unassign>,
    @CommandRequest() request: Request,
  ) {
    return this.commands.execute(
      journalId,
      { type: 'UnassignTeacher', teacherId, ...body },
      request,
    );
  }

  @Post('substitutes')
  @JournalCommand('JOURNAL.LESSON_NOT_FOUND', 'JOURNAL.DATE_OUTSIDE_YEAR')
  @OverJournalWithTeacher(AUTHORISERS, { body: 'teacherId' })
  @ApiOperation({ summary: 'Names a substitute teacher for one lesson slot (deputy head)' })
  @ApiZodBody(substitute)
  substitute(
    @Param('journalId') journalId: string,
    @Body(zodPipe(substitute, INVALID_REQUEST)) body: z.infer<typeof substitute>,
    @CommandRequest() request: Request,
  ) {
    return this.commands.execute(journalId, { type: 'AssignSubstitute', ...body }, request);
  }
}
