import { newEventId } from '@ejournal/contracts';
import { ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { AUTHORISERS } from '../../edge/access';
import { INVALID_REQUEST } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { SummaryCommands } from '../../write/summary-commands';
import { OverSheet, sheetOf, YearParam } from '../summary-sheet';
import { councilDecision, sheetCorrection, sheetMarks } from '../summary.schema';
import { SummaryCommand, sheetAnswer } from '../../edge/command-docs';

@ApiTags('summary')
@Controller('summaries/:schoolId/:year/:classId')
export class SummarySheetController {
  constructor(
    private readonly commands: SummaryCommands,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  @Post('marks')
  @SummaryCommand(
    sheetAnswer,
    'JOURNAL.FORBIDDEN',
    'JOURNAL.UNKNOWN_CLASS',
    'JOURNAL.PERIOD_NOT_ALLOWED',
    'JOURNAL.PERIOD_REQUIRED',
    'JOURNAL.SUBJECT_MISMATCH',
    'JOURNAL.MARK_OUT_OF_SCALE',
    'JOURNAL.EMPTY_COLUMN',
    'JOURNAL.PUPIL_NOT_ENROLLED',
  )
  @OverSheet(AUTHORISERS)
  @ApiOperation({ summary: 'Sets exam or final marks (or others) on the class summary sheet' })
  @ApiZodBody(sheetMarks)
  async set(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Param('classId') classId: string,
    @Body(zodPipe(sheetMarks, INVALID_REQUEST)) body: z.infer<typeof sheetMarks>,
    @CommandRequest() request: Request,
  ) {
    const sheet = await sheetOf(this.facts, schoolId, year, classId);
    const command = { type: 'SetSummaryMarks' as const, journal: null, ...body };
    return this.commands.execute(sheet, command, request);
  }

  @Post('marks/correction')
  @SummaryCommand(
    sheetAnswer,
    'JOURNAL.FORBIDDEN',
    'JOURNAL.UNKNOWN_CLASS',
    'JOURNAL.SUMMARY_MARK_NOT_FOUND',
    'JOURNAL.CELL_CHANGED',
    'JOURNAL.ORDER_REQUIRED',
    'JOURNAL.NOTHING_TO_CORRECT',
    'JOURNAL.MARK_OUT_OF_SCALE',
  )
  @OverSheet(AUTHORISERS)
  @ApiOperation({ summary: 'Corrects a summary mark under an order (head or deputy head)' })
  @ApiZodBody(sheetCorrection)
  async correct(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Param('classId') classId: string,
    @Body(zodPipe(sheetCorrection, INVALID_REQUEST)) body: z.infer<typeof sheetCorrection>,
    @CommandRequest() request: Request,
  ) {
    const sheet = await sheetOf(this.facts, schoolId, year, classId);
    const command = { type: 'CorrectSummaryMark' as const, ...body };
    return this.commands.execute(sheet, command, request);
  }

  @Post('council-decisions')
  @SummaryCommand(
    sheetAnswer,
    'JOURNAL.FORBIDDEN',
    'JOURNAL.UNKNOWN_CLASS',
    'JOURNAL.DECISION_EXISTS',
    'JOURNAL.UNKNOWN_DECISION',
    'JOURNAL.PUPIL_NOT_ENROLLED',
  )
  @OverSheet(AUTHORISERS)
  @ApiOperation({ summary: 'Records a decision of the teachers’ council about a pupil' })
  @ApiZodBody(councilDecision)
  async decide(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Param('classId') classId: string,
    @Body(zodPipe(councilDecision, INVALID_REQUEST)) body: z.infer<typeof councilDecision>,
    @CommandRequest() request: Request,
  ) {
    const sheet = await sheetOf(this.facts, schoolId, year, classId);
    const command = {
      type: 'RecordCouncilDecision' as const,
      ...body,
      decisionId: body.decisionId ?? newEventId(),
    };
    return this.commands.execute(sheet, command, request);
  }
}
