import type { Channel, NotificationPreferences } from './notification-preferences';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The wall clock of an instant in a time zone: its date and minute of the day. */
function wallClock(zone: string, at: Date): { date: string; minute: number; utcMs: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const [year, month, day, hour, minute, second] = [
    parts['year'],
    parts['month'],
    parts['day'],
    parts['hour'],
    parts['minute'],
    parts['second'],
  ].map(Number) as [number, number, number, number, number, number];
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    minute: hour * 60 + minute,
    utcMs: Date.UTC(year, month - 1, day, hour, minute, second),
  };
}

/** The instant a wall-clock time names in a zone (a time skipped by a DST change: just after). */
function instantOf(zone: string, date: string, minute: number): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  const offsetAt = (ms: number) =>
    wallClock(zone, new Date(ms)).utcMs - Math.floor(ms / 1000) * 1000;
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

const nextDate = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MINUTES * MINUTE).toISOString().slice(0, 10);

/** `at` itself when outside the quiet hours, else their end in the zone. */
function afterQuietHours(hours: { from: string; to: string }, zone: string, at: Date): Date {
  const { date, minute } = wallClock(zone, at);
  const [from, to] = [minutesOf(hours.from), minutesOf(hours.to)];
  const quiet = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!quiet) return at;
  const endsTomorrow = from > to && minute >= from;
  return instantOf(zone, endsTomorrow ? nextDate(date) : date, to);
}

/** The next time `hhmm` strikes in the zone at or after `at`. */
function nextOccurrence(hhmm: string, zone: string, at: Date): Date {
  const { date, minute } = wallClock(zone, at);
  const target = minutesOf(hhmm);
  return instantOf(zone, minute <= target ? date : nextDate(date), target);
}

/**
 * When a notification made at `at` is pushed on a channel: never when the channel is off;
 * at the next digest time for the app channel with a digest; after the quiet hours when it
 * falls in them (in the zone of the pupil's school). Deferred, never dropped.
 */
export function deliveryTime(
  preferences: NotificationPreferences,
  channel: Channel,
  zone: string,
  at: Date,
): Date | 'never' {
  if (!preferences.channels[channel]) return 'never';
  const due =
    channel === 'app' && preferences.digest ? nextOccurrence(preferences.digest.at, zone, at) : at;
  return preferences.quietHours ? afterQuietHours(preferences.quietHours, zone, due) : due;
}
