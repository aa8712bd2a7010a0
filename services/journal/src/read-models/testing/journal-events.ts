import {
  journalStreamId,
  newEventId,
  type Actor,
  type MarkValue,
  type NewEvent,
  type RecordedEvent,
} from '@ejournal/contracts';

export const TEACHER: Actor = { userId: 'teacher-1', role: 'teacher', onBehalfOf: null };
export const DEPUTY: Actor = { userId: 'deputy-1', role: 'deputy_head', onBehalfOf: null };

export interface Authority {
  reason: string;
  authorisedBy?: string | null;
  orderRef?: string | null;
  policyVersion?: number;
}

/** Journal events as the write side appends them, for specs; `by` is the actor. */
export class JournalEvents {
  readonly streamId: string;

  constructor(
    readonly journalId: string,
    readonly schoolId = 'school-1',
    readonly groupId = 'class-7b',
  ) {
    this.streamId = journalStreamId(journalId);
  }

  opened(by = DEPUTY, academicYear = '2026/2027') {
    const { journalId, schoolId, groupId } = this;
    const data = {
      journalId,
      schoolId,
      academicYear,
      groupId,
      kind: 'lesson',
      subjectId: 'math',
      scale: 'five_point',
    };
    return this.event('JournalOpened', 1, data, by);
  }

  teacherAssigned(teacherId: string, fromDate: string, by = DEPUTY) {
    return this.event('TeacherAssigned', 1, { teacherId, fromDate }, by);
  }

  teacherUnassigned(teacherId: string, onDate: string, by = DEPUTY) {
    return this.event('TeacherUnassigned', 1, { teacherId, onDate }, by);
  }

  substituteAssigned(teacherId: string, date: string, slot: number, by = DEPUTY) {
    return this.event('SubstituteAssigned', 1, { teacherId, date, slot }, by);
  }

  lessonHeld(lessonId: string, date: string, slot: number, topic: string, by = TEACHER) {
    return this.event('LessonHeld', 1, { lessonId, date, slot, topic, homework: null }, by);
  }

  lessonEdited(
    lessonId: string,
    topic: string,
    homework: { text: string; dueDate: string } | null,
    why: Authority,
    by = TEACHER,
  ) {
    return this.event('LessonEdited', 1, { lessonId, topic, homework, ...authority(why) }, by);
  }

  lessonVoided(lessonId: string, why: Authority, by = TEACHER) {
    return this.event('LessonVoided', 1, { lessonId, ...authority(why) }, by);
  }

  markRecorded(
    markId: string,
    lessonId: string,
    pupilId: string,
    value: MarkValue,
    weight = 1,
    workType = 'classwork',
    by = TEACHER,
  ) {
    return this.event(
      'MarkRecorded',
      2,
      { markId, lessonId, pupilId, value, workType, weight },
      by,
    );
  }

  markCorrected(
    markId: string,
    corrects: NewEvent,
    from: MarkValue,
    value: MarkValue,
    why: Authority,
    by = TEACHER,
  ) {
    const data = { markId, correctsEventId: corrects.eventId, from, value, ...authority(why) };
    return this.event('MarkCorrected', 2, data, by);
  }

  markRevoked(markId: string, why: Authority, by = TEACHER) {
    return this.event('MarkRevoked', 1, { markId, ...authority(why) }, by);
  }

  attendanceRecorded(lessonId: string, pupilId: string, status: string, by = TEACHER) {
    return this.event('AttendanceRecorded', 1, { lessonId, pupilId, status }, by);
  }

  attendanceCorrected(
    lessonId: string,
    pupilId: string,
    from: string,
    to: string,
    why: Authority,
    by = TEACHER,
  ) {
    return this.event(
      'AttendanceCorrected',
      1,
      { lessonId, pupilId, from, to, ...authority(why) },
      by,
    );
  }

  periodClosed(period: number, by = DEPUTY) {
    return this.event('PeriodClosed', 1, { period }, by);
  }

  private event(type: string, schemaVersion: number, data: unknown, actor: Actor): NewEvent {
    return {
      eventId: newEventId(),
      type,
      schemaVersion,
      occurredAt: '2026-10-12T09:45:00+03:00',
      tenant: { regionId: 'region-91', schoolId: this.schoolId },
      actor,
      correlationId: `test-${type}`,
      causationId: null,
      traceparent: null,
      data,
    };
  }
}

function authority(why: Authority) {
  return {
    reason: why.reason,
    authorisedBy: why.authorisedBy ?? null,
    orderRef: why.orderRef ?? null,
    policyVersion: why.policyVersion ?? 1,
  };
}

/** Events as the store would return them, versions from 1, a second apart (unit specs). */
export function recorded(streamId: string, events: readonly NewEvent[], from = 1): RecordedEvent[] {
  return events.map((event, index) => ({
    ...event,
    streamId,
    streamVersion: from + index,
    globalPosition: String(from + index),
    recordedAt: new Date(Date.UTC(2026, 9, 12, 6, 0, from + index)).toISOString(),
    prevHash: null,
    hash: null,
  }));
}
