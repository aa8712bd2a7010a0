import { ATTENDANCE_STATUSES, LessonHeldV1, MarkRecordedV2, newEventId } from '@ejournal/contracts';
import type { ColumnEntry } from '@ejournal/journal-domain';
import { z } from 'zod';

const mark = MarkRecordedV2.data.pick({ value: true, workType: true }).extend({
  markId: MarkRecordedV2.data.shape.markId.optional(),
});

/** One pupil's cell: marks and attendance. A client may name mark ids or let them be made. */
export const entry = z.strictObject({
  pupilId: MarkRecordedV2.data.shape.pupilId,
  marks: z.array(mark).max(5).default([]),
  attendance: z.enum(ATTENDANCE_STATUSES).nullable().default(null),
});

export const column = z.array(entry).max(60);

export const lesson = LessonHeldV1.data.extend({
  lessonId: LessonHeldV1.data.shape.lessonId.optional(),
  entries: column.default([]),
});

export function withMarkIds(entries: z.infer<typeof column>): ColumnEntry[] {
  return entries.map((cell) => ({
    ...cell,
    marks: cell.marks.map((m) => ({ ...m, markId: m.markId ?? newEventId() })),
  }));
}
