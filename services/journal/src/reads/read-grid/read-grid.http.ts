import { instant, journalStreamId } from '@ejournal/contracts';
import { ApiProblem, ApiZodQuery, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { READERS } from '../../edge/access';
import { CurrentRequester, type Requester } from '../../edge/caller';
import { INVALID_REQUEST, JournalController, OverJournal } from '../../edge/journal-request';
import { ProjectionWaiter } from '../../read-models';
import { PlannedColumnsQuery, type PlannedReads } from '../../planning/reads/planned-columns.query';
import { JournalDirectory } from '../../write/journal-directory';
import type { JournalHeader } from '../journal-header/journal-header';
import { JournalQuery } from '../journal-header/journal.query';
import { assertMayRead } from '../journal-header/read-access';
import { AsOfQuery } from './as-of.query';
import { GridQuery } from './grid.query';
import { GridAnswers, type GridAnswer } from './grid-answers';

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
const PLANNED_FIELD = Buffer.from(',"planned":');
const CLOSING_BRACE = Buffer.from('}');
const SPLICED_BYTES = 32 * 1024 * 1024;

/** What the grid route sets on Fastify's reply (the platform's own type is not a dependency). */
interface GridReply {
  header(name: string, value: string): GridReply;
  status(code: number): GridReply;
  type(contentType: string): GridReply;
}

@JournalController('grid')
export class ReadGridController {
  /** Grids with their planned columns spliced in, under both parts' names. */
  private readonly spliced = new GridAnswers(SPLICED_BYTES);

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
    const planned = query.planned === 'true';
    let answer: GridAnswer | null;
    if (query.atLeastVersion) {
      const header = await this.mayRead(journalId, requester);
      await this.waiter.caughtUp(journalStreamId(journalId), query.atLeastVersion, WAIT_MS);
      const held = await this.grids.answer(journalId, options(query));
      answer = held && (planned ? await this.withPlanned(header, query, held) : held);
    } else {
      answer = await this.gridNow(journalId, query, requester, planned);
    }
    if (!answer) throw new NotFoundProblem('JOURNAL.NOT_FOUND', 'There is no such journal');
    // Sent as serialized once (GridAnswers); the ETag names the journal version and facts.
    reply.header('etag', answer.etag).header('cache-control', 'private, no-cache');
    if (ifNoneMatch === answer.etag) {
      reply.status(304);
      return '';
    }
    reply.type('application/json; charset=utf-8');
    return answer.body;
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
   * The grid read now: the header (JournalQuery's, kept while the store holds nothing later),
   * the journal's place and the facts' revision in one round trip, and with them, when planned columns are asked for, the school year's
   * planning and the thematic plan (from the place, which never changes). The access check
   * decides first: a caller who may not read gets its refusal, never what the reads found.
   */
  private async gridNow(
    journalId: string,
    query: z.infer<typeof gridQuery>,
    requester: Requester,
    planned: boolean,
  ): Promise<GridAnswer | null> {
    const place = this.directory.find(journalId);
    const source = this.grids.source(journalId, this.journals.stored(journalId));
    const reads = planned
      ? this.planned.prefetch(
          journalId,
          place,
          source.then((read) => read?.factsRevision ?? 0),
        )
      : null;
    const [read, where] = await Promise.all([source, place]);
    const header = assertMayRead(requester, read?.header ?? null, where?.classId ?? null);
    const held = read && (await this.grids.answerOf(read, options(query)));
    return held && (reads ? this.withPlanned(header, query, held, reads) : held);
  }

  /**
   * The grid with its planned columns spliced in as `planned` (PlannedColumnsQuery keeps them
   * serialized per journal, planning, plan and facts version): no read per column, and the
   * kept bytes copied, not encoded again. Built, they take the lessons held from the columns
   * the grid's own answer was built from (kept by GridQuery under the header's version), not
   * from a second read of them.
   */
  private async withPlanned(
    header: JournalHeader,
    query: z.infer<typeof gridQuery>,
    held: GridAnswer,
    reads?: PlannedReads,
  ): Promise<GridAnswer> {
    const plan = await this.planned.forJournal(
      header,
      query.period ?? null,
      reads?.school,
      reads?.plan,
      () => this.grids.columnsAt(header),
    );
    const key = `${held.etag}|${plan.tag}`;
    const kept = this.spliced.get(key);
    if (kept) return kept;
    const parts = [held.body.subarray(0, held.body.length - 1), PLANNED_FIELD, plan.body];
    const body = Buffer.concat([...parts, CLOSING_BRACE]);
    // A grid read while its journal was rebuilt (a weak ETag) is answered, never kept.
    const weak = held.etag.startsWith('W/');
    return weak ? { body, etag: GridAnswers.etagOf(key) } : this.spliced.keep(key, body);
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
