import type { Principal } from '@ejournal/auth';
import { WrongExpectedVersionError } from '@ejournal/event-store';
import {
  planRoster,
  readRosterRows,
  type RosterPlan,
  type RowIssue,
} from '@ejournal/identity-domain';
import { ConflictProblem, UnprocessableProblem } from '@ejournal/http';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { CommandRunner } from '../edge/command-runner';
import type { EventContext } from '../edge/event-context';
import { APP_POOL, CLOCK, type Clock } from '../infrastructure/tokens';
import { PersonRepository } from '../people/person-repository';
import { decodeRoster, type RosterEncoding } from './decode-roster';
import { mapLimit } from './map-limit';
import { RosterDecisions, type StreamWrite } from './roster-decisions';
import { RosterFactsLoader, type LoadedFacts } from './roster-facts-loader';

export interface ImportRequest {
  schoolId: string;
  bytes: Buffer;
  encoding?: RosterEncoding;
  academicYear?: string;
  dryRun: boolean;
  principal: Principal;
  context: EventContext;
}

const CONCURRENCY = 8;

/**
 * How a school joins: decode, validate every row, plan, decide every command without writing
 * (the dry run), and only when nothing was refused apply it in many short writes. Applying
 * is idempotent, so importing the same file again changes nothing.
 */
@Injectable()
export class RosterImporter {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly facts: RosterFactsLoader,
    private readonly decisions: RosterDecisions,
    private readonly people: PersonRepository,
    private readonly runner: CommandRunner,
  ) {}

  async import(request: ImportRequest) {
    const decoded = decodeRoster(request.bytes, request.encoding);
    const { rows, issues } = readRosterRows(decoded.mapping, decoded.records);
    const facts = await this.facts.load(request.schoolId, request.academicYear, rows);
    const { plan, errors, warnings } = planRoster(rows, facts);
    const decided =
      errors.length + issues.length === 0
        ? await this.decisions.decide(plan, facts)
        : { writes: [], errors: [] };
    const allErrors = [...issues, ...errors, ...decided.errors].sort((a, b) => a.line - b.line);
    const summary = {
      encoding: decoded.encoding,
      delimiter: decoded.delimiter,
      academicYear: facts.academicYear,
      rows: decoded.records.length,
      warnings,
    };
    if (allErrors.length > 0) {
      throw new UnprocessableProblem(
        'IDENTITY.IMPORT_REJECTED',
        `${allErrors.length} problem(s) in the file: nothing was imported`,
        { ...summary, errors: allErrors },
      );
    }
    const people = plan.people.map(({ line, key, kind, personId }) => ({
      line,
      key,
      kind,
      personId,
    }));
    if (request.dryRun)
      return { ...summary, applied: false, changes: this.pending(plan, decided.writes), people };
    const saved = await this.apply(plan, decided.writes, facts, request);
    return {
      ...summary,
      applied: true,
      changes: { ...this.pending(plan, decided.writes), ...saved },
      people,
    };
  }

  private pending(plan: RosterPlan, writes: StreamWrite[]) {
    return {
      newKeys:
        plan.people.filter((person) => person.newKey).length +
        plan.classes.filter((klass) => klass.newKey).length,
      events: writes.reduce((sum, write) => sum + write.events.length, 0),
      streams: writes.length,
    };
  }

  private async apply(
    plan: RosterPlan,
    writes: StreamWrite[],
    facts: LoadedFacts,
    request: ImportRequest,
  ) {
    const mappings = [
      ...plan.classes.map((c) => ({ ...c, kind: 'class', id: c.classId })),
      ...plan.people.map((p) => ({ ...p, id: p.personId })),
    ].filter((m) => m.newKey);
    await this.pool.query(
      `INSERT INTO identity.external_keys SELECT $1, key, kind, id, $2 FROM unnest($3::text[], $4::text[], $5::text[]) AS t(key, kind, id)
       ON CONFLICT DO NOTHING`,
      [
        facts.schoolId,
        this.clock(),
        mappings.map((m) => m.key),
        mappings.map((m) => m.kind),
        mappings.map((m) => m.id),
      ],
    );
    const author = {
      actorId: request.principal.subject,
      actorRole: request.context.actor.role,
      source: 'import' as const,
    };
    const outcomes = await mapLimit(plan.people, CONCURRENCY, (person) =>
      this.people.save(person.personId, facts.regionId, person.person, author),
    );
    try {
      await mapLimit(writes, CONCURRENCY, (write) =>
        this.runner.append(
          write.streamId,
          write.expected,
          write.events,
          write.tenant,
          request.context,
        ),
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      throw new ConflictProblem(
        'IDENTITY.IMPORT_CONFLICT',
        'The school changed while the roster was imported: import the same file again to finish',
      );
    }
    return {
      peopleCreated: outcomes.filter((o) => o === 'created').length,
      peopleUpdated: outcomes.filter((o) => o === 'updated').length,
    };
  }
}

export type { RowIssue };
