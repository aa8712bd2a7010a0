import { thematicStreamId } from '@ejournal/contracts';
import type { IdempotencyKey } from '@ejournal/event-store';
import { WritePath } from '@ejournal/write-path';
import { Injectable } from '@nestjs/common';
import type { Request } from '../../edge/request.decorator';
import { JournalCommands } from '../../write/journal-commands';
import { hoursWarnings, type HoursWarning } from '../domain/hours-warnings';
import type { PlanningCommand } from '../domain/planning.commands';
import { planningDecider } from '../domain/planning.decider';
import { refusePlanning } from '../domain/planning.errors';
import type { PlanningState } from '../domain/planning.state';
import {
  thematicDecider,
  type ThematicCommand,
  type ThematicState,
} from '../domain/thematic.decider';
import { PlanningFactsLoader, type Named } from './planning-facts';
import type { SchoolYear } from './school-year';

type WithoutFacts<C> = C extends unknown ? Omit<C, 'facts'> : never;
export type PlanningCommandBody = WithoutFacts<PlanningCommand>;

/** What a planning command answers: the stream's version, its events, and warnings. */
export interface PlanningAnswer {
  streamId: string;
  version: number;
  events: { eventId: string; type: string; data: unknown }[];
  warnings: HoursWarning[];
}

const named = (body: PlanningCommandBody): Named => {
  switch (body.type) {
    case 'SetCurriculum':
      return { groupIds: [body.groupId] };
    case 'SetBells':
      return {};
    case 'SetTimetable':
      return {
        groupIds: [body.groupId],
        journalIds: body.lessons.map((lesson) => lesson.journalId),
        teacherIds: body.lessons.map((lesson) => lesson.teacherId),
      };
    case 'ChangeTimetable':
      return {
        groupIds: [body.groupId],
        journalIds: [body.journalId],
        teacherIds: body.teacherId ? [body.teacherId] : [],
      };
    case 'ImportTimetable': {
      const lessons = body.versions.flatMap((version) => version.lessons);
      return {
        groupIds: body.versions.map((version) => version.groupId),
        journalIds: lessons.map((lesson) => lesson.journalId),
        teacherIds: lessons.map((lesson) => lesson.teacherId),
      };
    }
  }
};

/** Runs planning commands on `planning-{schoolId}-{startYear}` and `thematic-{journalId}`. */
@Injectable()
export class PlanningCommands {
  constructor(
    private readonly writePath: WritePath,
    private readonly facts: PlanningFactsLoader,
    private readonly journals: JournalCommands,
  ) {}

  async execute(
    year: SchoolYear,
    body: PlanningCommandBody,
    { context, idempotency }: Request,
  ): Promise<PlanningAnswer> {
    const facts = await this.facts.load(year.schoolId, year.academicYear, named(body));
    return this.writePath.handle({
      streamId: year.streamId,
      decider: planningDecider,
      tenant: { regionId: year.regionId, schoolId: year.schoolId },
      context,
      idempotency,
      command: () => ({ ...body, facts }) as PlanningCommand,
      respond: ({ version, events, state }) => ({
        streamId: year.streamId,
        version,
        events: events.map(({ eventId, type, data }) => ({ eventId, type, data })),
        warnings: warningsOf(state, body, facts.journals),
      }),
    });
  }

  /**
   * A substitution also names the substitute on the journal (`SubstituteAssigned`), which
   * gives her the right to write that lesson only. The timetable's change is recorded first
   * (it is what checks the conflicts); a retry of the request answers it from its key and
   * names the substitute again if that had not been recorded.
   */
  async substitute(
    year: SchoolYear,
    body: Extract<PlanningCommandBody, { type: 'ChangeTimetable' }>,
    request: Request,
  ): Promise<PlanningAnswer & { journal: { version: number } }> {
    const answer = await this.execute(year, body, request);
    const journal = await this.journals.execute(
      body.journalId,
      {
        type: 'AssignSubstitute',
        teacherId: body.teacherId ?? '',
        date: body.date,
        slot: body.slot,
      },
      { ...request, idempotency: derived(request.idempotency, 'substitute') },
    );
    return { ...answer, journal: { version: journal.version } };
  }

  async setThematicPlan(
    place: { regionId: string; schoolId: string; journalId: string },
    body: Omit<ThematicCommand, 'facts'> & { copyFrom: string | null },
    { context, idempotency }: Request,
  ): Promise<Omit<PlanningAnswer, 'warnings'>> {
    const ids = [body.journalId, ...(body.copyFrom ? [body.copyFrom] : [])];
    const journals = await this.facts.journals(ids);
    const journal = journals[body.journalId];
    if (!journal) throw refusePlanning.notFound('PLANNING.JOURNAL_NOT_FOUND', 'No such journal');
    const source = body.copyFrom ? (journals[body.copyFrom] ?? null) : null;
    if (body.copyFrom && !source) {
      throw refusePlanning.notFound('PLANNING.JOURNAL_NOT_FOUND', `No journal ${body.copyFrom}`);
    }
    const streamId = thematicStreamId(body.journalId);
    return this.writePath.handle({
      streamId,
      decider: thematicDecider,
      tenant: { regionId: place.regionId, schoolId: place.schoolId },
      context,
      idempotency,
      command: (_state: ThematicState): ThematicCommand => ({
        type: 'SetThematicPlan',
        journalId: body.journalId,
        items: body.items,
        facts: { journal, source },
      }),
      respond: ({ version, events }) => ({
        streamId,
        version,
        events: events.map(({ eventId, type, data }) => ({ eventId, type, data })),
      }),
    });
  }
}

function warningsOf(
  state: PlanningState,
  body: PlanningCommandBody,
  journals: Parameters<typeof hoursWarnings>[2],
): HoursWarning[] {
  const versions =
    body.type === 'SetTimetable' ? [body] : body.type === 'ImportTimetable' ? body.versions : [];
  return versions.flatMap((version) =>
    hoursWarnings(version, state.curriculum[version.groupId], journals).map((warning) => ({
      ...warning,
      groupId: version.groupId,
    })),
  );
}

/** The key of a second append the same request makes (another stream, another route). */
function derived(key: IdempotencyKey | null, part: string): IdempotencyKey | null {
  return key ? { ...key, route: `${key.route}#${part}` } : null;
}
