import { isRefusal } from '@ejournal/decider';
import { UnprocessableProblem } from '@ejournal/http';
import { Injectable } from '@nestjs/common';
import type { Request } from '../../edge/request.decorator';
import { hoursWarnings } from '../domain/hours-warnings';
import { versionOn } from '../domain/planned-lessons';
import { decideImport } from '../domain/planning.decider';
import type { BellSchedule, PlanningState, TimetableVersion } from '../domain/planning.state';
import { PlanningStates } from '../reads/planning-states';
import { SchoolJournalsQuery } from '../reads/school-journals.query';
import { PlanningCommands } from '../write/planning-commands';
import { PlanningFactsLoader } from '../write/planning-facts';
import type { SchoolYear } from '../write/school-year';
import { AscFormatError, parseAscTimetable } from './asc-timetable';
import {
  timetableFromAsc,
  timetableFromCsv,
  versionsOf,
  type AscMapping,
  type ImportedTimetable,
  type JournalFinder,
} from './timetable-rows';

export interface TimetableImportRequest {
  format: 'csv' | 'asc-xml';
  content: string;
  effectiveFrom: string;
  shift: number;
  mapping: AscMapping;
  dryRun: boolean;
}

type RowAction = 'add' | 'change' | 'same' | 'remove';

/** What the import does to one lesson slot of a group's version in force. */
export interface ImportRow {
  line: number | null;
  groupId: string;
  day: number;
  slot: number;
  subgroup: number | null;
  journalId: string;
  teacherId: string;
  roomId: string | null;
  action: RowAction;
}

/**
 * Imports a school's timetable (CSV or aSc Timetables XML) as one new version per class or
 * group from a date, in one append: every row is read, mapped and decided first; any fault
 * (a row not understood, an id not mapped, a conflict) refuses the whole file (422
 * PLANNING.IMPORT_REFUSED listing each), and a dry run reports what each row would change.
 */
@Injectable()
export class TimetableImporter {
  constructor(
    private readonly states: PlanningStates,
    private readonly facts: PlanningFactsLoader,
    private readonly journals: SchoolJournalsQuery,
    private readonly commands: PlanningCommands,
  ) {}

  async import(year: SchoolYear, request: TimetableImportRequest, command: Request) {
    const imported = await this.read(year, request);
    const versions = versionsOf(imported.lessons, request.effectiveFrom, request.shift);
    const lessons = versions.flatMap((v) => v.lessons);
    const [facts, { state }] = await Promise.all([
      this.facts.load(year.schoolId, year.academicYear, {
        groupIds: versions.map((v) => v.groupId),
        journalIds: lessons.map((l) => l.journalId),
        teacherIds: lessons.map((l) => l.teacherId),
      }),
      this.states.planning(year.schoolId, year.academicYear),
    ]);
    const bells = bellsOf(state, imported, request.shift);
    const rows = versions.flatMap((version) => rowsOf(state, version, imported));
    const warnings = versions.flatMap((v) =>
      hoursWarnings(v, state.curriculum[v.groupId], facts.journals).map((w) => ({
        ...w,
        groupId: v.groupId,
      })),
    );
    const conflicts = conflictsOf(() => decideImport(state, versions, bells, facts));
    const summary = {
      format: request.format,
      effectiveFrom: request.effectiveFrom,
      groups: versions.length,
      lessons: lessons.length,
    };
    if (imported.issues.length + conflicts.length > 0) {
      throw new UnprocessableProblem(
        'PLANNING.IMPORT_REFUSED',
        `${imported.issues.length + conflicts.length} problem(s): nothing was imported`,
        { ...summary, issues: imported.issues, conflicts, rows },
      );
    }
    if (request.dryRun) return { ...summary, applied: false, rows, warnings };
    const answer = await this.commands.execute(
      year,
      { type: 'ImportTimetable', versions, bells },
      command,
    );
    return { ...summary, applied: true, version: answer.version, rows, warnings };
  }

  private async read(
    year: SchoolYear,
    request: TimetableImportRequest,
  ): Promise<ImportedTimetable> {
    if (request.format === 'csv') {
      try {
        return timetableFromCsv(request.content);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new UnprocessableProblem(
          'PLANNING.IMPORT_REFUSED',
          `The CSV cannot be read: ${detail}`,
          {
            issues: [{ line: 0, code: 'PLANNING.UNREADABLE_FILE', detail }],
          },
        );
      }
    }
    let asc;
    try {
      asc = parseAscTimetable(request.content);
    } catch (error) {
      if (!(error instanceof AscFormatError)) throw error;
      throw new UnprocessableProblem('PLANNING.IMPORT_REFUSED', error.message, {
        issues: [{ line: 0, code: 'PLANNING.INVALID_XML', detail: error.message }],
      });
    }
    return timetableFromAsc(asc, request.mapping, await this.finder(year));
  }

  /** A school's journals by class or group and subject: the one there is, else none. */
  private async finder(year: SchoolYear): Promise<JournalFinder> {
    const found = new Map<string, string | null>();
    for (const journal of await this.journals.journalsOf(year.schoolId, year.academicYear)) {
      if (!journal.subjectId) continue;
      const key = `${journal.groupId}|${journal.subjectId}`;
      found.set(key, found.has(key) ? null : journal.journalId);
    }
    return (groupId, subjectId) => found.get(`${groupId}|${subjectId}`) ?? null;
  }
}

function bellsOf(
  state: PlanningState,
  imported: ImportedTimetable,
  shift: number,
): BellSchedule | null {
  if (imported.bells.length === 0) return null;
  return { shift, slots: imported.bells, exceptions: state.bells[shift]?.exceptions ?? [] };
}

const keyOf = (l: { day: number; slot: number; subgroup: number | null; journalId: string }) =>
  `${l.day}|${l.slot}|${l.subgroup ?? 0}|${l.journalId}`;

/** Each lesson of the new version against the version in force on its first day. */
function rowsOf(
  state: PlanningState,
  version: TimetableVersion,
  imported: ImportedTimetable,
): ImportRow[] {
  const current = versionOn(state.versions[version.groupId], version.effectiveFrom)?.lessons ?? [];
  const before = new Map(current.map((lesson) => [keyOf(lesson), lesson]));
  const lines = new Map(
    imported.lessons.filter((l) => l.groupId === version.groupId).map((l) => [keyOf(l), l.line]),
  );
  const rows: ImportRow[] = version.lessons.map((lesson) => {
    const old = before.get(keyOf(lesson));
    before.delete(keyOf(lesson));
    const same = old && old.teacherId === lesson.teacherId && old.roomId === lesson.roomId;
    const action: RowAction = !old ? 'add' : same ? 'same' : 'change';
    return { line: lines.get(keyOf(lesson)) ?? null, groupId: version.groupId, ...lesson, action };
  });
  for (const lesson of before.values()) {
    rows.push({ line: null, groupId: version.groupId, ...lesson, action: 'remove' });
  }
  return rows;
}

function conflictsOf(decide: () => unknown) {
  try {
    decide();
    return [];
  } catch (error) {
    if (!isRefusal('PLANNING', error)) throw error;
    return error.entries.length > 0
      ? [...error.entries]
      : [{ code: error.code, detail: error.message }];
  }
}
