import { todayIn, type IsoDate } from '@ejournal/decider';
import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { decodeColumn } from '../../read-models/documents/column-codec';
import { decodeHistory } from '../../read-models/documents/history-codec';
import {
  READ_MODELS,
  type JournalReadModels,
} from '../../read-models/documents/read-model-schemas';
import type { JournalHeader } from '../../reads/journal-header/journal-header';
import { groupsOfJournal, plannedLessons } from '../domain/journal-plan';
import { versionOn } from '../domain/planned-lessons';
import type { PlanningState, TimetableVersion } from '../domain/planning.state';
import type { PlanningCalendar } from '../domain/school-days';
import { PlanningStates, type Versioned } from '../reads/planning-states';
import { PlanningFactsLoader } from '../write/planning-facts';
import type { HeldFacts, JournalCompletionFacts } from './completion';

/** What every journal of a school year is computed with. */
export interface SchoolBasis {
  schoolId: string;
  academicYear: string;
  regionId: string;
  timeZone: string;
  calendar: PlanningCalendar | null;
  planning: Versioned<PlanningState>;
  /** Names the calendar and time zone: series computed with another one are out of date. */
  basis: string;
}

export interface JournalSources {
  /** The class (or group) its figures go to. */
  groupId: string;
  thematicVersion: number;
  /** Null when the school has no calendar for the year: nothing to count. */
  facts: JournalCompletionFacts | null;
}

export const basisOf = (calendar: PlanningCalendar | null, timeZone: string) =>
  JSON.stringify([timeZone, calendar]);

const WEEKDAYS = [1, 2, 3, 4, 5];

/**
 * Everything a journal's completion is computed from, read where it is kept: the school year's
 * planning and the journal's thematic plan (the write side's stream states), identity's facts
 * (calendar, time zone), and what was held (the journal's columns and lesson histories, by its
 * `journalId` key). The projection and the on-the-spot report both read through it.
 */
@Injectable()
export class CompletionSources {
  constructor(
    @Inject(READ_MODELS) private readonly models: JournalReadModels,
    @Inject(IDENTITY_FACTS) private readonly identity: IdentityFacts,
    private readonly states: PlanningStates,
    private readonly facts: PlanningFactsLoader,
  ) {}

  async school(schoolId: string, academicYear: string): Promise<SchoolBasis> {
    const [school, calendar, planning] = await Promise.all([
      this.identity.school(schoolId),
      this.facts.calendar(schoolId, academicYear),
      this.states.planning(schoolId, academicYear),
    ]);
    const timeZone = school?.timeZone ?? 'UTC';
    const regionId = school?.regionId ?? '';
    const basis = basisOf(calendar, timeZone);
    return { schoolId, academicYear, regionId, timeZone, calendar, planning, basis };
  }

  async journal(header: JournalHeader, school: SchoolBasis): Promise<JournalSources> {
    const { state } = school.planning;
    const groupId = classOf(state, header);
    const [held, thematic] = await Promise.all([
      this.held(header.journalId, school.timeZone),
      this.states.thematic(header.journalId),
    ]);
    const { calendar } = school;
    if (!calendar) return { groupId, thematicVersion: thematic.version, facts: null };
    const days = teachingDaysOf();
    const planned = plannedLessons(state, header.journalId, calendar, calendar);
    return {
      groupId,
      thematicVersion: thematic.version,
      facts: {
        calendar,
        curriculum: state.curriculum[groupId] ?? [],
        subjectId: header.subjectId,
        teachingDays: (date) => days(versionOn(state.versions[groupId], date)),
        plannedDates: planned.map((lesson) => lesson.date),
        held,
        items: thematic.state.items,
      },
    };
  }

  /** The journal's held lessons with their entries: its columns and lesson histories. */
  private async held(journalId: string, timeZone: string): Promise<HeldFacts[]> {
    const [columns, histories] = await Promise.all([
      this.models.columns.find({ journalId }),
      this.models.histories.find({ journalId }),
    ]);
    const marks = new Map<string, IsoDate[]>();
    for (const history of histories.map(decodeHistory)) {
      const dates = history.entries
        .filter((entry) => entry.type === 'MarkRecorded')
        .map((entry) => todayIn(timeZone, entry.recordedAt));
      marks.set(history.lessonId, dates);
    }
    return columns
      .map(decodeColumn)
      .filter((column) => !column.voided)
      .map(({ lessonId, date, slot, topic, cells }) => ({
        lessonId,
        date,
        slot,
        topic,
        anyEntry: cells.some((cell) => cell.marks.length > 0 || cell.attendance !== null),
        markDates: marks.get(lessonId) ?? [],
      }));
  }
}

/** The weekdays each version teaches on (Monday to Friday without one), worked out once each. */
function teachingDaysOf() {
  const byVersion = new Map<TimetableVersion, number[]>();
  return (version: TimetableVersion | null): number[] => {
    if (!version) return WEEKDAYS;
    let days = byVersion.get(version);
    if (!days) {
      days = [...new Set(version.lessons.map((lesson) => lesson.day))];
      if (days.length === 0) days = WEEKDAYS;
      byVersion.set(version, days);
    }
    return days;
  };
}

/** The class a journal's figures go to: its own group when planned, else a timetable's. */
export function classOf(state: PlanningState, header: JournalHeader): string {
  if (state.versions[header.groupId] || state.curriculum[header.groupId]) return header.groupId;
  return groupsOfJournal(state, header.journalId)[0] ?? header.groupId;
}
