import { call, newKey } from './http';

export type MarkValue = '1' | '2' | '3' | '4' | '5' | 'pass' | 'fail' | 'exempt' | 'not_attested';
export type Attendance = 'absent' | 'excused' | 'sick' | 'late';

export interface JournalHeader {
  journalId: string;
  schoolId: string;
  academicYear: string;
  groupId: string;
  kind: string;
  subjectId: string | null;
  scale: string;
  teacherIds: string[];
  closedPeriods: number[];
  sealed: boolean;
  lessonCount: number;
  version: number;
  stale: boolean;
}

export interface GridMark {
  markId: string;
  value: MarkValue;
  workType: string;
  weight: number;
  revoked: boolean;
}

export interface GridCell {
  marks: GridMark[];
  attendance: Attendance | null;
  revision: number;
}

export interface GridLesson {
  lessonId: string;
  date: string;
  slot: number;
  period: number | null;
  topic: string;
  homework: { text: string; dueDate: string } | null;
  voided: boolean;
}

export interface Grid {
  journal: JournalHeader;
  period: number | null;
  periods: { number: number; startsOn: string; endsOn: string; closed: boolean }[];
  lessons: GridLesson[];
  pupils: {
    pupilId: string;
    cells: (GridCell | null)[];
    averages: { period: number; value: number | null }[];
  }[];
}

export interface HistoryEntry {
  eventId: string;
  type: string;
  streamVersion: number;
  recordedAt: string;
  actorId: string;
  actorRole: string;
  markId: string | null;
  value: string | null;
  workType: string | null;
  status: string | null;
  from: string | null;
  reason: string | null;
  authorisedBy: string | null;
  orderRef: string | null;
  policyVersion: number | null;
}

export interface CommandAnswer {
  journalId: string;
  version: number;
  cells: { lessonId: string; pupilId: string; revision: number }[];
}

const enc = encodeURIComponent;

export const myJournals = () =>
  call<JournalHeader[] | { journals: JournalHeader[] }>(
    'journal',
    'GET',
    '/teachers/me/journals',
  ).then((answer) => (Array.isArray(answer) ? answer : answer.journals));

export const grid = (journalId: string, period?: number, atLeastVersion?: number) => {
  const query = new URLSearchParams();
  if (period) query.set('period', String(period));
  if (atLeastVersion) query.set('atLeastVersion', String(atLeastVersion));
  const suffix = query.size ? `?${query}` : '';
  return call<Grid>('journal', 'GET', `/journals/${enc(journalId)}/grid${suffix}`);
};

export const schoolJournals = (schoolId: string) =>
  call<{ journals: JournalHeader[] }>('journal', 'GET', `/schools/${enc(schoolId)}/journals`).then(
    (answer) => answer.journals,
  );

const prefetched = new Map<string, Promise<Grid>>();

/**
 * Starts reading a journal's grid (the whole year: its periods decide which one is shown)
 * while the application still waits for `/me`, when the address names the journal.
 */
export function prefetchGrid(journalId: string): void {
  if (prefetched.has(journalId)) return;
  const read = grid(journalId);
  read.catch(() => prefetched.delete(journalId));
  prefetched.set(journalId, read);
}

/** The prefetched read of the grid (taken once), else a new one. */
export function firstGrid(journalId: string): Promise<Grid> {
  const read = prefetched.get(journalId);
  prefetched.delete(journalId);
  return read ?? grid(journalId);
}

export const gridAsOf = (journalId: string, at: string) =>
  call<Grid>('journal', 'GET', `/journals/${enc(journalId)}/grid/as-of?at=${enc(at)}`);

export const cellHistory = (journalId: string, lessonId: string, pupilId: string) =>
  call<{ entries: HistoryEntry[] }>(
    'journal',
    'GET',
    `/journals/${enc(journalId)}/lessons/${enc(lessonId)}/cells/${enc(pupilId)}/history`,
  );

export const recordLesson = (
  journalId: string,
  lesson: {
    date: string;
    slot: number;
    topic: string;
    homework: { text: string; dueDate: string } | null;
  },
) =>
  call<CommandAnswer>('journal', 'POST', `/journals/${enc(journalId)}/lessons`, {
    json: { ...lesson, lessonId: newKey(), entries: [] },
    idempotencyKey: newKey(),
  });

export const editLesson = (
  journalId: string,
  lessonId: string,
  edit: {
    topic: string;
    homework: { text: string; dueDate: string } | null;
    reason: string;
    orderRef: string | null;
  },
) =>
  call<CommandAnswer>(
    'journal',
    'POST',
    `/journals/${enc(journalId)}/lessons/${enc(lessonId)}/edit`,
    {
      json: edit,
      idempotencyKey: newKey(),
    },
  );

export interface Authorisation {
  reason: string;
  orderRef: string | null;
  expectedCellRevision: number;
}

export const correctMark = (
  journalId: string,
  markId: string,
  value: MarkValue,
  why: Authorisation,
) =>
  call<CommandAnswer>(
    'journal',
    'POST',
    `/journals/${enc(journalId)}/marks/${enc(markId)}/correction`,
    {
      json: { value, ...why },
      idempotencyKey: newKey(),
    },
  );

export const revokeMark = (journalId: string, markId: string, why: Authorisation) =>
  call<CommandAnswer>(
    'journal',
    'POST',
    `/journals/${enc(journalId)}/marks/${enc(markId)}/revocation`,
    {
      json: why,
      idempotencyKey: newKey(),
    },
  );

export const correctAttendance = (
  journalId: string,
  lessonId: string,
  pupilId: string,
  status: Attendance | 'present',
  why: Authorisation,
) =>
  call<CommandAnswer>(
    'journal',
    'POST',
    `/journals/${enc(journalId)}/lessons/${enc(lessonId)}/attendance/${enc(pupilId)}/correction`,
    { json: { to: status, ...why }, idempotencyKey: newKey() },
  );

export const closePeriod = (journalId: string, period: number) =>
  call<CommandAnswer>('journal', 'POST', `/journals/${enc(journalId)}/periods/${period}/closing`, {
    idempotencyKey: newKey(),
  });

/** The path an entry of one cell is sent to: the lesson's column, one pupil. */
export const entriesPath = (journalId: string, lessonId: string) =>
  `/journals/${enc(journalId)}/lessons/${enc(lessonId)}/entries`;
