import type { JournalState } from '../documents/journal-documents';
import { ProjectionError, unhandled, type RecordedJournalStreamEvent } from './journal-event';

/**
 * The journal header after an event. Returns the same object when the event does not change
 * the header, so the projector writes only the stream's version then.
 */
export function evolveJournal(
  journal: JournalState | null,
  event: RecordedJournalStreamEvent,
): JournalState {
  if (event.type === 'JournalOpened') {
    const { journalId, schoolId, academicYear, groupId, kind, subjectId, scale } = event.data;
    return {
      _id: journalId,
      regionId: event.tenant.regionId,
      schoolId,
      academicYear,
      groupId,
      kind,
      subjectId,
      scale,
      teachers: [],
      substitutes: [],
      closedPeriods: [],
      sealed: false,
      lessonCount: 0,
    };
  }
  if (!journal) throw new ProjectionError(event, `${event.type} before JournalOpened`);
  switch (event.type) {
    case 'TeacherAssigned': {
      const { teacherId, fromDate } = event.data;
      return { ...journal, teachers: [...journal.teachers, { teacherId, fromDate, toDate: null }] };
    }
    case 'TeacherUnassigned': {
      const { teacherId, onDate } = event.data;
      const teachers = journal.teachers.map((interval) =>
        interval.teacherId === teacherId && interval.toDate === null
          ? { ...interval, toDate: onDate }
          : interval,
      );
      return { ...journal, teachers };
    }
    case 'SubstituteAssigned': {
      const { teacherId, date, slot } = event.data;
      return { ...journal, substitutes: [...journal.substitutes, { teacherId, date, slot }] };
    }
    case 'LessonHeld':
      return { ...journal, lessonCount: journal.lessonCount + 1 };
    case 'LessonVoided':
      return { ...journal, lessonCount: journal.lessonCount - 1 };
    case 'PeriodClosed': {
      const closed = new Set([...journal.closedPeriods, event.data.period]);
      return { ...journal, closedPeriods: [...closed].sort((a, b) => a - b) };
    }
    case 'PeriodReopened': {
      const closedPeriods = journal.closedPeriods.filter((period) => period !== event.data.period);
      return { ...journal, closedPeriods };
    }
    case 'JournalSealed':
      return { ...journal, sealed: true };
    case 'LessonEdited':
    case 'MarkRecorded':
    case 'MarkCorrected':
    case 'MarkRevoked':
    case 'AttendanceRecorded':
    case 'AttendanceCorrected':
      return journal;
    default:
      return unhandled(event);
  }
}
