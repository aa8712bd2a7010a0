import { SAMPLE_DATA, sampleNewEvent, sampleRecordedEvent } from '../test-support/sample-events';
import { journalRegistry, type JournalEvent } from './journal-registry';

const sample = (key: string): object => SAMPLE_DATA[key] ?? {};
const mark = (data: object = {}, schemaVersion = 2) =>
  sampleNewEvent('MarkRecorded', schemaVersion, {
    ...sample(`MarkRecorded.v${schemaVersion}`),
    ...data,
  });

describe('journalRegistry', () => {
  it('registers the initial journal event types', () => {
    expect(journalRegistry.types()).toEqual([
      'AttendanceCorrected',
      'AttendanceRecorded',
      'BellScheduleSet',
      'CouncilDecisionRecorded',
      'CurriculumPlanSet',
      'JournalOpened',
      'JournalSealed',
      'LessonEdited',
      'LessonHeld',
      'LessonVoided',
      'MarkCorrected',
      'MarkRecorded',
      'MarkRevoked',
      'PeriodClosed',
      'PeriodReopened',
      'SubstituteAssigned',
      'SummaryMarkCorrected',
      'SummaryMarkSet',
      'TeacherAssigned',
      'TeacherUnassigned',
      'ThematicPlanSet',
      'TimetableChanged',
      'TimetableVersionSet',
    ]);
    expect(journalRegistry.currentVersion('MarkRecorded')).toBe(2);
  });

  it.each(Object.entries(SAMPLE_DATA))('accepts a valid %s event', (key, data) => {
    const [type = '', version = ''] = key.split('.v');
    const event = sampleNewEvent(type, Number(version), data);
    expect(journalRegistry.validate(event)).toEqual(event);
  });
});

describe('journalRegistry.upcast', () => {
  it('reads a MarkRecorded v1 written today as v2: classwork of weight 1', () => {
    const v1 = journalRegistry.validate(mark({}, 1));
    const stored = sampleRecordedEvent('MarkRecorded', 1, v1.data);
    const read = journalRegistry.upcast(stored);
    expect(read.schemaVersion).toBe(2);
    expect(read.data).toEqual({ ...v1.data, workType: 'classwork', weight: 1 });
    expect(journalRegistry.validate(read)).toEqual(read);
  });

  it('reads a MarkCorrected v1 as v2 that names neither the replaced value nor a policy', () => {
    const stored = sampleRecordedEvent('MarkCorrected', 1, sample('MarkCorrected.v1'));
    const read = journalRegistry.upcast(stored);
    expect(read.schemaVersion).toBe(2);
    expect(read.data).toEqual({ ...sample('MarkCorrected.v1'), from: null, policyVersion: null });
    expect(journalRegistry.validate(read)).toEqual(read);
  });

  it('returns a MarkRecorded v2 as written', () => {
    const stored = sampleRecordedEvent('MarkRecorded', 2, sample('MarkRecorded.v2'));
    expect(journalRegistry.upcast(stored)).toBe(stored);
  });
});

describe('JournalEvent', () => {
  // A switch over the union must handle every type, or this stops compiling.
  function subjectOf(event: JournalEvent): string {
    switch (event.type) {
      case 'JournalOpened':
        return event.data.journalId;
      case 'TeacherAssigned':
      case 'TeacherUnassigned':
      case 'SubstituteAssigned':
        return event.data.teacherId;
      case 'LessonHeld':
      case 'LessonEdited':
      case 'LessonVoided':
        return event.data.lessonId;
      case 'MarkRecorded':
      case 'MarkCorrected':
      case 'MarkRevoked':
        return event.data.markId;
      case 'AttendanceRecorded':
      case 'AttendanceCorrected':
        return `${event.data.lessonId}/${event.data.pupilId}`;
      case 'PeriodClosed':
      case 'PeriodReopened':
        return `period ${event.data.period}`;
      case 'JournalSealed':
        return event.data.academicYear;
      case 'SummaryMarkSet':
      case 'SummaryMarkCorrected':
      case 'CouncilDecisionRecorded':
        return event.data.pupilId;
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  }

  it('is a discriminated union on type', () => {
    const event = journalRegistry.upcast(
      sampleRecordedEvent('MarkRecorded', 1, sample('MarkRecorded.v1')),
    );
    expect(subjectOf(event as JournalEvent)).toBe('mark-1');
  });
});
