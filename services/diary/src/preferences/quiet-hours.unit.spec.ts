import { DEFAULT_PREFERENCES, type NotificationPreferences } from './notification-preferences';
import { deliveryTime } from './quiet-hours';

const MOSCOW = 'Europe/Moscow'; // UTC+3, no DST
const BERLIN = 'Europe/Berlin';
const quiet = (from: string, to: string): NotificationPreferences => ({
  ...DEFAULT_PREFERENCES,
  quietHours: { from, to },
});

describe('deliveryTime: quiet hours and digests in the school’s zone', () => {
  it('pushes at once outside the quiet hours', () => {
    const at = new Date('2026-09-08T12:00:00Z'); // 15:00 in Moscow
    expect(deliveryTime(quiet('21:00', '07:00'), 'app', MOSCOW, at)).toEqual(at);
    expect(deliveryTime(DEFAULT_PREFERENCES, 'web', MOSCOW, at)).toEqual(at);
  });

  it('defers to the end of quiet hours spanning midnight, before and after it', () => {
    const evening = new Date('2026-09-08T19:30:00Z'); // 22:30
    const night = new Date('2026-09-08T23:10:00Z'); // 02:10 on the 9th
    const morning = new Date('2026-09-09T04:00:00Z'); // 07:00: over
    const end = new Date('2026-09-09T04:00:00Z');
    expect(deliveryTime(quiet('21:00', '07:00'), 'app', MOSCOW, evening)).toEqual(end);
    expect(deliveryTime(quiet('21:00', '07:00'), 'web', MOSCOW, night)).toEqual(end);
    expect(deliveryTime(quiet('21:00', '07:00'), 'app', MOSCOW, morning)).toEqual(morning);
  });

  it('defers within a day and keeps to the wall clock across a DST change', () => {
    const lunch = new Date('2026-09-08T10:30:00Z'); // 13:30
    expect(deliveryTime(quiet('13:00', '14:00'), 'app', MOSCOW, lunch)).toEqual(
      new Date('2026-09-08T11:00:00Z'),
    );
    // Berlin leaves summer time on 25 October 2026: 07:00 is then 06:00 UTC, not 05:00.
    const night = new Date('2026-10-24T21:00:00Z'); // 23:00 CEST
    expect(deliveryTime(quiet('22:00', '07:00'), 'app', BERLIN, night)).toEqual(
      new Date('2026-10-25T06:00:00Z'),
    );
  });

  it('holds app notifications for the daily digest, and never pushes on a channel turned off', () => {
    const digest: NotificationPreferences = {
      channels: { app: true, web: false },
      quietHours: { from: '22:00', to: '07:00' },
      digest: { at: '19:00' },
    };
    const afternoon = new Date('2026-09-08T12:00:00Z'); // 15:00
    const evening = new Date('2026-09-08T17:00:00Z'); // 20:00: tomorrow's digest
    expect(deliveryTime(digest, 'app', MOSCOW, afternoon)).toEqual(
      new Date('2026-09-08T16:00:00Z'),
    );
    expect(deliveryTime(digest, 'app', MOSCOW, evening)).toEqual(new Date('2026-09-09T16:00:00Z'));
    expect(deliveryTime(digest, 'web', MOSCOW, afternoon)).toBe('never');
  });
});
