import { validate, version } from 'uuid';
import { newEventId } from './event-id';

describe('newEventId', () => {
  it('is a UUIDv7', () => {
    const id = newEventId();
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
  });

  it('carries the given time in its first 48 bits', () => {
    const now = Date.UTC(2026, 8, 1, 6, 15);
    expect(parseInt(newEventId(now).replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('sorts by time', () => {
    const times = [Date.UTC(2026, 8, 1), Date.UTC(2026, 8, 1) + 1, Date.UTC(2027, 0, 1)];
    const ids = times.map((time) => newEventId(time));
    expect([...ids].reverse().sort()).toEqual(ids);
  });

  it('increases within one millisecond when the time is not given', () => {
    const ids = Array.from({ length: 1000 }, () => newEventId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
