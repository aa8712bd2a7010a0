import { v7 } from 'uuid';

/**
 * A new UUIDv7: time-ordered, so ids sort by creation and index well. Without `now`, ids made
 * within one millisecond still increase (the uuid package keeps a counter); with `now`, the
 * time is pinned (an input clock, an import of old records) and ids within that millisecond
 * are random.
 */
export function newEventId(now?: number): string {
  return now === undefined ? v7() : v7({ msecs: now });
}
