import { DiaryNotificationV1 } from './notification';
import { notificationId } from './notification-id';

describe('notificationId', () => {
  const event = '0190a6b8-5c1e-7a3b-8f00-000000000001';

  it('is the same for the same event and recipient, whenever it is derived', () => {
    expect(notificationId(event, 'person-7')).toBe(notificationId(event, 'person-7'));
  });

  it('differs per recipient and per event', () => {
    const ids = new Set([
      notificationId(event, 'person-7'),
      notificationId(event, 'pupil-1'),
      notificationId('0190a6b8-5c1e-7a3b-8f00-000000000002', 'person-7'),
    ]);
    expect(ids.size).toBe(3);
  });

  it('is a UUID the published contract accepts', () => {
    const id = notificationId(event, 'person-7');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const parsed = DiaryNotificationV1.safeParse({
      notificationId: id,
      schemaVersion: 1,
      kind: 'lesson_voided',
      pupilId: 'pupil-1',
      recipientId: 'person-7',
      recipientRole: 'guardian',
      schoolId: 'school-17',
      occurredAt: '2026-09-07T10:00:00+03:00',
      source: { eventId: event, type: 'LessonVoided', streamId: 'journal-j1', streamVersion: 3 },
      correlationId: 'c-1',
      data: {
        lesson: {
          journalId: 'j1',
          lessonId: 'l1',
          subjectId: null,
          activityKind: 'club',
          date: '2026-09-07',
        },
      },
    });
    expect(parsed.error).toBeUndefined();
  });
});
