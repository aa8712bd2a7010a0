import { instant, journalStreamId } from '@ejournal/contracts';
import { ApiProblem, ApiZodQuery, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { READERS } from '../../edge/access';
import { CurrentRequester, type Requester } from '../../edge/caller';
import { INVALID_REQUEST, JournalController, OverJournal } from '../../edge/journal-request';
import { ProjectionWaiter } from '../../read-models';
import { PlannedColumnsQuery } from '../../planning/reads/planned-columns.query';
import { JournalDirectory } from '../../write/journal-directory';
import type { JournalHeader } from '../journal-header/journal-header';
import { JournalQuery } from '../journal-header/journal.query';
import { assertMayRead } from '../journal-header/read-access';
import { AsOfQuery } from './as-of.query';
import { GridQuery } from './grid.query';
import type { GridAnswer } from './grid-answers';

const gridQuery = z.strictObject({
  period: z.coerce.number().int().min(1).max(4).optional(),
  includeVoided: z.enum(['true', 'false']).optional(),
  /** Read-your-writes: wait (up to 2 s) until the grid includes this stream version. */
  atLeastVersion: z.coerce.number().int().min(1).optional(),
  /** With the timetable's planned columns (`planned`) beside the lessons held. */
  planned: z.enum(['true', 'false']).optional(),
});
const asOfQuery = gridQuery.omit({ atLeastVersion: true, planned: true }).extend({ at: instant });

const WAIT_MS = 2_000;

/** What the grid route sets on Fastify's reply (the platform's own type is not a dependency). */
interface GridReply {
  header(name: string, value: string): GridReply;
  status(code: number): GridReply;
  type(contentType: string): GridReply;
}

@JournalController('grid')
export class ReadGridController {
  constructor(
    private readonly grids: GridQuery,
    private readonly asOf: AsOfQuery,
    private readonly journals: JournalQuery,
    private readonly waiter: ProjectionWaiter,
    private readonly directory: JournalDirectory,
    private readonly planned: PlannedColumnsQuery,
  ) {}

  @Get('grid')
  @ApiProblem(403, 'JOURNAL.NOT_ASSIGNED')
  @ApiProblem(404, 'JOURNAL.NOT_FOUND', 'JOURNAL.UNKNOWN_PERIOD')
  @OverJournal(READERS)
  @ApiOperation({
    summary: 'The grid: pupils × lessons with marks, attendance, cell revisions and averages',
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description:
      'The ETag of a grid already held: 304 while the journal and its facts are unchanged',
  })
  @ApiResponse({ status: 200, description: 'The grid, with an ETag naming its state' })
  @ApiResponse({ status: 304, description: 'Not modified: the grid the ETag names is current' })
  @ApiZodQuery(gridQuery)
  async grid(
    @Param('journalId') journalId: string,
    @Query(zodPipe(gridQuery, INVALID_REQUEST)) query: z.infer<typeof gridQuery>,
    @CurrentRequester() requester: Requester,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: GridReply,
  ) {
    let header: Awaited<ReturnType<ReadGridController['mayRead']>>;
    let held: GridAnswer | null;
    if (query.atLeastVersion) {
      header = await this.mayRead(journalId, requester);
      await this.waiter.caughtUp(journalStreamId(journalId), query.atLeastVersion, WAIT_MS);
      held = await this.grids.answer(journalId, options(query));
    } else {
      // Read beside the access check (one round trip less). The check decides first: a caller
      // who may not read gets its refusal, never what the read found (an unknown period).
      const [access, read] = await Promise.allSettled([
        this.mayRead(journalId, requester),
        this.grids.answer(journalId, options(query)),
      ]);
      if (access.status === 'rejected') throw access.reason;
      if (read.status === 'rejected') throw read.reason;
      [header, held] = [access.value, read.value];
    }
    if (!held) throw new NotFoundProblem('JOURNAL.NOT_FOUND', 'There is no such journal');
    const answer =
      query.planned === 'true' ? await this.withPlanned(header, query.period ?? null, held) : held;
    // Sent as serialized once (GridAnswers); the ETag names the journal version and facts.
    reply.header('etag', answer.etag).header('cache-control', 'private, no-cache');
    if (ifNoneMatch === answer.etag) {
      reply.status(304);
      return '';
    }
    reply.type('application/json; charset=utf-8');
    return answer.json;
  }

  @Get('grid/as-of')
  @ApiProblem(403, 'JOURNAL.NOT_ASSIGNED')
  @ApiProblem(404, 'JOURNAL.NOT_FOUND', 'JOURNAL.UNKNOWN_PERIOD')
  @OverJournal(READERS)
  @ApiOperation({
    summary: 'The grid exactly as the record stood at an instant, rebuilt from the event store',
  })
  @ApiZodQuery(asOfQuery)
  async gridAsOf(
    @Param('journalId') journalId: string,
    @Query(zodPipe(asOfQuery, INVALID_REQUEST)) query: z.infer<typeof asOfQuery>,
    @CurrentRequester() requester: Requester,
  ) {
    await this.mayRead(journalId, requester);
    const grid = await this.asOf.gridAsOf(journalId, new Date(query.at), options(query));
    if (!grid) throw new NotFoundProblem('JOURNAL.NOT_FOUND', 'The journal was not open then');
    return grid;
  }

  @Get()
  @ApiProblem(403, 'JOURNAL.NOT_ASSIGNED')
  @ApiProblem(404, 'JOURNAL.NOT_FOUND')
  @OverJournal(READERS)
  @ApiOperation({ summary: 'The journal: school, group, kind, subject, scale, teachers, periods' })
  async header(@Param('journalId') journalId: string, @CurrentRequester() requester: Requester) {
    return this.mayRead(journalId, requester);
  }

  /**
   * The grid with its planned columns spliced in as `planned` (PlannedColumnsQuery keeps them
   * serialized per journal, planning, plan and facts version): no read per column.
   */
  private async withPlanned(header: JournalHeader, period: number | null, held: GridAnswer) {
    const plan = await this.planned.forJournal(header, period);
    const json = `${held.json.slice(0, -1)},"planned":${plan.json}}`;
    const etag = `"${Buffer.from(`${held.etag}|${plan.tag}`).toString('base64url')}"`;
    return { json, etag };
  }

  private async mayRead(journalId: string, requester: Requester) {
    const [header, place] = await Promise.all([
      this.journals.header(journalId),
      this.directory.find(journalId),
    ]);
    return assertMayRead(requester, header, place?.classId ?? null);
  }
}

function options(query: {
  period?: number | undefined;
  includeVoided?: 'true' | 'false' | undefined;
}) {
  return {
    ...(query.period ? { period: query.period } : {}),
    ...(query.includeVoided ? { includeVoided: query.includeVoided === 'true' } : {}),
  };
}
