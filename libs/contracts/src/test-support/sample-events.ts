import type { NewEvent, RecordedEvent } from '../envelope/event-envelope';

const CORRECTION = {
  reason: 'Справка от врача',
  authorisedBy: 'user-deputy-3',
  orderRef: '45-о',
  policyVersion: 2,
};

/** Valid data for every registered version, keyed like `jsonSchemas()`. */
export const SAMPLE_DATA: Record<string, object> = {
  'JournalOpened.v1': {
    journalId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7d',
    schoolId: 'school-17',
    academicYear: '2026/2027',
    groupId: 'class-7b',
    kind: 'lesson',
    subjectId: 'subject-math',
    scale: 'five_point',
  },
  'LessonHeld.v1': {
    lessonId: 'lesson-1',
    date: '2026-09-01',
    slot: 2,
    topic: 'Линейные уравнения',
    homework: { text: '№ 12, 14', dueDate: '2026-09-03' },
  },
  'MarkRecorded.v1': { markId: 'mark-1', lessonId: 'lesson-1', pupilId: 'pupil-42', value: '5' },
  'MarkRecorded.v2': {
    markId: 'mark-1',
    lessonId: 'lesson-1',
    pupilId: 'pupil-42',
    value: 'pass',
    workType: 'test',
    weight: 2.5,
  },
  'MarkCorrected.v1': {
    markId: 'mark-1',
    correctsEventId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7e',
    value: '4',
    reason: 'Ошибка при вводе',
    authorisedBy: 'user-deputy-3',
    orderRef: '45-о',
  },
  'MarkCorrected.v2': {
    markId: 'mark-1',
    correctsEventId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7e',
    from: '3',
    value: '4',
    reason: 'Ошибка при вводе',
    authorisedBy: null,
    orderRef: null,
    policyVersion: 2,
  },
  'MarkRevoked.v1': { markId: 'mark-1', ...CORRECTION },
  'AttendanceRecorded.v1': { lessonId: 'lesson-1', pupilId: 'pupil-42', status: 'sick' },
  'AttendanceCorrected.v1': {
    lessonId: 'lesson-1',
    pupilId: 'pupil-42',
    from: 'absent',
    to: 'excused',
    ...CORRECTION,
  },
  'TeacherAssigned.v1': { teacherId: 'teacher-5', fromDate: '2026-09-01' },
  'TeacherUnassigned.v1': { teacherId: 'teacher-5', onDate: '2027-01-10' },
  'SubstituteAssigned.v1': { teacherId: 'teacher-9', date: '2026-10-05', slot: 3 },
  'LessonEdited.v1': {
    lessonId: 'lesson-1',
    topic: 'Линейные уравнения с параметром',
    homework: null,
    ...CORRECTION,
  },
  'LessonVoided.v1': { lessonId: 'lesson-1', ...CORRECTION },
  'PeriodClosed.v1': { period: 1 },
  'PeriodReopened.v1': {
    period: 1,
    reason: 'Пересдача',
    authorisedBy: 'user-head-1',
    orderRef: '12-о',
  },
  'JournalSealed.v1': { academicYear: '2026/2027' },
  'SummaryMarkSet.v1': {
    pupilId: 'pupil-42',
    subjectId: 'subject-math',
    kind: 'period',
    period: 1,
    value: '4',
    journalId: 'journal-1',
    policyVersion: 2,
  },
  'SummaryMarkCorrected.v1': {
    pupilId: 'pupil-42',
    subjectId: 'subject-math',
    kind: 'year',
    period: null,
    from: '3',
    to: '4',
    ...CORRECTION,
  },
  'CouncilDecisionRecorded.v1': {
    decisionId: 'decision-1',
    pupilId: 'pupil-42',
    decision: 'promoted',
    decidedOn: '2027-05-28',
    orderRef: '101-о',
  },
  'CurriculumPlanSet.v1': {
    academicYear: '2026/2027',
    groupId: 'class-7b',
    items: [
      { subjectId: 'subject-math', kind: 'lesson', hoursPerWeek: 5, byPeriod: [], subgroups: 1 },
    ],
  },
  'BellScheduleSet.v1': {
    academicYear: '2026/2027',
    shift: 1,
    slots: [{ slot: 1, startsAt: '08:30', endsAt: '09:15' }],
    exceptions: [
      {
        date: '2026-12-30',
        reason: 'Сокращённый день',
        slots: [{ slot: 1, startsAt: '08:30', endsAt: '09:00' }],
      },
    ],
  },
  'TimetableVersionSet.v1': {
    academicYear: '2026/2027',
    groupId: 'class-7b',
    versionId: 'version-1',
    effectiveFrom: '2026-09-01',
    shift: 1,
    lessons: [
      {
        day: 1,
        slot: 2,
        journalId: 'journal-math-7b',
        teacherId: 'teacher-9',
        roomId: 'room-12',
        subgroup: null,
      },
    ],
  },
  'TimetableChanged.v1': {
    academicYear: '2026/2027',
    changeId: 'change-1',
    kind: 'substitution',
    groupId: 'class-7b',
    journalId: 'journal-math-7b',
    date: '2026-10-05',
    slot: 2,
    teacherId: 'teacher-10',
    roomId: null,
    toDate: null,
    toSlot: null,
    reason: 'Больничный',
  },
  'ThematicPlanSet.v1': {
    journalId: 'journal-math-7b',
    items: [
      {
        number: 1,
        section: 'Линейные уравнения',
        topic: 'Уравнение с одной переменной',
        hours: 1,
        plannedDate: '2026-09-01',
      },
    ],
    copiedFrom: null,
  },
};

export function sampleNewEvent<T extends string, D>(
  type: T,
  schemaVersion: number,
  data: D,
): NewEvent<T, D> {
  return {
    eventId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7f',
    type,
    schemaVersion,
    occurredAt: '2026-09-01T06:15:00.000Z',
    tenant: { regionId: 'region-91', schoolId: 'school-17' },
    actor: { userId: 'user-teacher-5', role: 'teacher', onBehalfOf: null },
    correlationId: '0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c80',
    causationId: null,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    data,
  };
}

export function sampleRecordedEvent<T extends string, D>(
  type: T,
  schemaVersion: number,
  data: D,
): RecordedEvent<T, D> {
  return {
    ...sampleNewEvent(type, schemaVersion, data),
    streamId: 'journal-0190a6b8-5c1e-7a3b-9c1d-2e3f4a5b6c7d',
    streamVersion: 3,
    globalPosition: '9007199254740993',
    recordedAt: '2026-09-01T06:15:00.250Z',
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
  };
}
