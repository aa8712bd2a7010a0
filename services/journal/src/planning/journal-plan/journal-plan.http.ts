import { ThematicPlanSetV1 } from '@ejournal/contracts';
import {
  ApiProblem,
  ApiZodBody,
  ApiZodQuery,
  NotFoundProblem,
  UnprocessableProblem,
  zodPipe,
} from '@ejournal/http';
import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { READERS, WRITERS } from '../../edge/access';
import { CurrentRequester, rolesOver, type Requester } from '../../edge/caller';
import { INVALID_REQUEST, JournalController, OverJournal } from '../../edge/journal-request';
import { CommandRequest, type Request } from '../../edge/request.decorator';
import { JournalQuery } from '../../reads/journal-header/journal.query';
import { assertMayRead } from '../../reads/journal-header/read-access';
import { JournalDirectory } from '../../write/journal-directory';
import { PlanningCommand, PlanningErrors, PlanningImport } from '../edge/planning-errors';
import { readThematicPlan, thematicRows } from '../imports/thematic-import';
import { PlannedColumnsQuery } from '../reads/planned-columns.query';
import { PlanningStates } from '../reads/planning-states';
import { identifier } from '../school-year/planning.schema';
import { PlanningCommands } from '../write/planning-commands';
import { assertMayPlan } from './journal-plan-access';

const plannedQuery = z.strictObject({ period: z.coerce.number().int().min(1).max(4).optional() });
const planBody = z.union([
  z.strictObject({ items: ThematicPlanSetV1.data.shape.items }),
  z.strictObject({ copyFrom: identifier }),
]);
const importBody = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  /** CSV text, or the XLSX file in base64. */
  content: z.string().min(1).max(900_000),
  dryRun: z.boolean().default(false),
});

@JournalController('planning')
@PlanningErrors()
export class JournalPlanController {
  constructor(
    private readonly journals: JournalQuery,
    private readonly directory: JournalDirectory,
    private readonly planned: PlannedColumnsQuery,
    private readonly states: PlanningStates,
    private readonly commands: PlanningCommands,
  ) {}

  @Get('planned')
  @ApiProblem(403, 'JOURNAL.NOT_ASSIGNED')
  @ApiProblem(404, 'JOURNAL.NOT_FOUND')
  @OverJournal(READERS)
  @ApiOperation({
    summary: 'The journal’s planned columns: its timetable over the calendar, held or not',
    description:
      'School days only (holidays and cancellations out, moved and extra lessons in), each with ' +
      'its teacher (a substitute names whom she stands in for), the lesson recorded on it, and ' +
      'for one not yet held the thematic plan’s proposed topic.',
  })
  @ApiZodQuery(plannedQuery)
  async plannedColumns(
    @Param('journalId') journalId: string,
    @Query(zodPipe(plannedQuery, INVALID_REQUEST)) query: z.infer<typeof plannedQuery>,
    @CurrentRequester() requester: Requester,
  ) {
    const header = await this.mayRead(journalId, requester);
    const answer = await this.planned.forJournal(header, query.period ?? null);
    return { journalId, period: answer.period, planned: answer.planned };
  }

  @Get('thematic-plan')
  @ApiProblem(403, 'JOURNAL.NOT_ASSIGNED')
  @ApiProblem(404, 'JOURNAL.NOT_FOUND')
  @OverJournal(READERS)
  @ApiOperation({ summary: 'The journal’s calendar-thematic plan (КТП) and what was covered' })
  async thematicPlan(
    @Param('journalId') journalId: string,
    @CurrentRequester() requester: Requester,
  ) {
    await this.mayRead(journalId, requester);
    const { state, version } = await this.states.thematic(journalId);
    return { journalId, version, copiedFrom: state.copiedFrom, items: state.items };
  }

  @Post('thematic-plan')
  @PlanningCommand(
    'PLANNING.JOURNAL_NOT_FOUND',
    'PLANNING.COPY_OF_ANOTHER_SUBJECT',
    'PLANNING.INVALID_PLAN',
  )
  @ApiProblem(403, 'JOURNAL.NOT_ASSIGNED')
  @OverJournal(WRITERS)
  @ApiOperation({
    summary: 'Sets the journal’s КТП: ordered items, or copied from another journal',
    description:
      '`items` (number 1…n in order, section, topic, hours, optional planned date) replace the ' +
      'plan; or `copyFrom` copies a journal’s plan of the same subject (a colleague’s, last ' +
      'year’s) that the caller may read.',
  })
  @ApiZodBody(planBody)
  async setPlan(
    @Param('journalId') journalId: string,
    @Body(zodPipe(planBody, INVALID_REQUEST)) body: z.infer<typeof planBody>,
    @CommandRequest() request: Request,
  ) {
    const header = await this.mayRead(journalId, request.requester);
    assertMayPlan(request.requester, header);
    const place = { regionId: header.regionId, schoolId: header.schoolId, journalId };
    if ('items' in body) {
      const command = {
        type: 'SetThematicPlan' as const,
        journalId,
        items: body.items,
        copyFrom: null,
      };
      return this.commands.setThematicPlan(place, command, request);
    }
    const source = await this.journals.header(body.copyFrom);
    const readable =
      source &&
      rolesOver(request.requester.grants, {
        regionId: source.regionId,
        schoolId: source.schoolId,
      }).some((role) => (READERS as string[]).includes(role));
    if (!source || !readable) {
      throw new NotFoundProblem('PLANNING.JOURNAL_NOT_FOUND', `No journal ${body.copyFrom}`);
    }
    const { state } = await this.states.thematic(body.copyFrom);
    const command = {
      type: 'SetThematicPlan' as const,
      journalId,
      items: state.items,
      copyFrom: body.copyFrom,
    };
    return this.commands.setThematicPlan(place, command, request);
  }

  @Post('thematic-plan/imports')
  @HttpCode(200)
  @PlanningImport('PLANNING.INVALID_PLAN')
  @ApiProblem(403, 'JOURNAL.NOT_ASSIGNED')
  @OverJournal(WRITERS)
  @ApiOperation({
    summary: 'Imports the КТП from CSV or XLSX (№;Раздел;Тема;Часы;Дата), with a dry run',
    description:
      'Every row is checked; any fault refuses the file (422 PLANNING.IMPORT_REFUSED with ' +
      '`issues`). `rows` says what each row does to the plan (add, change, same, remove).',
  })
  @ApiZodBody(importBody)
  async importPlan(
    @Param('journalId') journalId: string,
    @Body(zodPipe(importBody, INVALID_REQUEST)) body: z.infer<typeof importBody>,
    @CommandRequest() request: Request,
  ) {
    const header = await this.mayRead(journalId, request.requester);
    assertMayPlan(request.requester, header);
    const { state } = await this.states.thematic(journalId);
    const read = readThematicPlan(await this.tableOf(body), state.items);
    if (read.issues.length > 0) {
      throw new UnprocessableProblem(
        'PLANNING.IMPORT_REFUSED',
        `${read.issues.length} problem(s): nothing was imported`,
        {
          issues: read.issues,
          rows: read.rows,
        },
      );
    }
    if (body.dryRun) return { applied: false, items: read.items.length, rows: read.rows };
    const place = { regionId: header.regionId, schoolId: header.schoolId, journalId };
    const command = {
      type: 'SetThematicPlan' as const,
      journalId,
      items: read.items,
      copyFrom: null,
    };
    const answer = await this.commands.setThematicPlan(place, command, request);
    return { applied: true, items: read.items.length, rows: read.rows, version: answer.version };
  }

  private async tableOf(body: z.infer<typeof importBody>) {
    try {
      return await thematicRows(body.format, body.content);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new UnprocessableProblem(
        'PLANNING.IMPORT_REFUSED',
        `The file cannot be read: ${detail}`,
        {
          issues: [{ line: 0, code: 'PLANNING.UNREADABLE_FILE', detail }],
        },
      );
    }
  }

  private async mayRead(journalId: string, requester: Requester) {
    const [header, place] = await Promise.all([
      this.journals.header(journalId),
      this.directory.find(journalId),
    ]);
    return assertMayRead(requester, header, place?.classId ?? null);
  }
}
