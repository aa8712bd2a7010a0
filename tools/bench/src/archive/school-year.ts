import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export const SCHOOL_ID = 'school-bench';
export const START_YEAR = 2026;
const ACADEMIC_YEAR = `${START_YEAR}/${START_YEAR + 1}`;
/** Weekly hours of the 15 subjects: 34 school weeks each (34 to 170 lessons a journal). */
const HOURS = [5, 4, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1];
const WEEKS = 34;

export interface SchoolYear {
  journals: { recordId: string; lessons: number; version: number }[];
  sheets: { recordId: string; version: number }[];
  events: number;
}

/** The n-th of the year's 170 school days (five a week from 1 September). */
const schoolDay = (n: number) =>
  new Date(Date.UTC(START_YEAR, 8, 1 + Math.floor((n * 7) / 5))).toISOString().slice(0, 10);

/**
 * A 1,000-pupil school's year as the archive keeps it for printing (`archive.document_sources`,
 * as its consumer would have written it from the journal's topic): 40 classes of 25 pupils,
 * 15 subjects each, every lesson with a topic, homework, four marks and an absence or two;
 * per class the period, year marks and council decisions. Written with COPY.
 */
export async function seedSchoolYear(
  client: Client,
  classes = 40,
  pupilsPerClass = 25,
): Promise<SchoolYear> {
  const rows: string[] = [];
  const recordedAt = `${START_YEAR + 1}-05-30T10:00:00Z`;
  const journals: SchoolYear['journals'] = [];
  const sheets: SchoolYear['sheets'] = [];
  const add = (streamId: string, version: number, type: string, data: object) =>
    rows.push(
      [
        streamId,
        version,
        SCHOOL_ID,
        type,
        recordedAt,
        JSON.stringify(data).replace(/\\/g, '\\\\'),
      ].join('\t'),
    );
  for (let c = 0; c < classes; c += 1) {
    const classId = `class-${c}`;
    const pupils = Array.from({ length: pupilsPerClass }, (_, p) => `pupil-${c}-${p}`);
    HOURS.forEach((hours, s) => {
      const journalId = `j-${c}-${s}`;
      const streamId = `journal-${journalId}`;
      let version = 0;
      const next = (type: string, data: object) => add(streamId, (version += 1), type, data);
      next('JournalOpened', {
        journalId,
        schoolId: SCHOOL_ID,
        academicYear: ACADEMIC_YEAR,
        groupId: classId,
        kind: 'lesson',
        subjectId: `subject-${s}`,
        scale: 'five_point',
      });
      next('TeacherAssigned', { teacherId: `teacher-${s}`, fromDate: `${START_YEAR}-09-01` });
      const lessons = hours * WEEKS;
      for (let l = 0; l < lessons; l += 1) {
        const lessonId = `${journalId}-l${l}`;
        next('LessonHeld', {
          lessonId,
          date: schoolDay(Math.floor((l * 170) / lessons)),
          slot: 1 + (l % 6),
          topic: `Тема ${l + 1}: решение задач по разделу ${Math.floor(l / 10) + 1}`,
          homework: {
            text: `§ ${l + 1}, упражнения 3–7`,
            dueDate: schoolDay(Math.floor((l * 170) / lessons) + 2),
          },
        });
        for (let m = 0; m < 4; m += 1) {
          const pupilId = pupils[(l * 4 + m) % pupils.length] as string;
          next('MarkRecorded', {
            markId: `${lessonId}-m${m}`,
            lessonId,
            pupilId,
            value: String(2 + ((l + m) % 4)),
            workType: 'classwork',
            weight: 1,
          });
        }
        next('AttendanceRecorded', {
          lessonId,
          pupilId: pupils[(l * 7) % pupils.length],
          status: l % 3 === 0 ? 'sick' : 'absent',
        });
      }
      next('JournalSealed', { academicYear: ACADEMIC_YEAR });
      journals.push({ recordId: streamId, lessons, version });
    });
    const sheet = `summary-${SCHOOL_ID}-${START_YEAR}-${classId}`;
    let version = 0;
    for (const pupilId of pupils) {
      HOURS.forEach((_hours, s) => {
        for (const [kind, period] of [
          ['period', 1],
          ['period', 2],
          ['year', null],
        ] as const)
          add(sheet, (version += 1), 'SummaryMarkSet', {
            pupilId,
            subjectId: `subject-${s}`,
            kind,
            period,
            value: String(3 + (s % 3)),
            journalId: `j-${c}-${s}`,
            policyVersion: 1,
          });
      });
      add(sheet, (version += 1), 'CouncilDecisionRecorded', {
        decisionId: `d-${pupilId}`,
        pupilId,
        decision: 'promoted',
        decidedOn: `${START_YEAR + 1}-05-28`,
        orderRef: '112-о',
      });
    }
    sheets.push({ recordId: sheet, version });
  }
  const copy = client.query(copyFrom('COPY archive.document_sources FROM STDIN'));
  await pipeline(Readable.from(chunks(rows)), copy);
  return { journals, sheets, events: rows.length };
}

function* chunks(rows: string[]) {
  for (let i = 0; i < rows.length; i += 5000) yield `${rows.slice(i, i + 5000).join('\n')}\n`;
}

/** The catalogue's records of the year, as its consumer would have made them. */
export function catalogueRecords(year: SchoolYear) {
  const base = (recordId: string, kind: 'journal' | 'summary_sheet') => ({
    _id: recordId,
    identifier: `ejournal:region-91:${recordId}`,
    kind,
    title: recordId,
    regionId: 'region-91',
    schoolId: SCHOOL_ID,
    academicYear: ACADEMIC_YEAR,
    startYear: START_YEAR,
    activityKind: kind === 'journal' ? 'lesson' : 'summary_sheet',
    subjectId: null,
    groupId: null,
    classId: null,
    streamId: recordId,
    dates: { created: '2026-09-01T00:00:00Z', lastChanged: '2027-05-30T10:00:00Z', sealed: null },
    retention: {
      retentionClass: kind,
      years: 5,
      countedFrom: '2027-08-31',
      dispositionDate: '2032-08-31',
    },
    status: 'sealed',
    contentHash: { algorithm: 'sha-256-chain', value: null, streamVersion: 1 },
    signatures: [],
    actions: [],
  });
  return [
    ...year.journals.map((j) => base(j.recordId, 'journal')),
    ...year.sheets.map((s) => base(s.recordId, 'summary_sheet')),
  ];
}
