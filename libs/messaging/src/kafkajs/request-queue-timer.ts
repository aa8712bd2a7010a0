/**
 * kafkajs 2.2.4 (unmaintained) re-arms its request queue's throttle timer after every broker
 * response with `throttledUntil - Date.now()`, also when no request waits and no throttle is
 * in force. `throttledUntil` starts at -1, so the delay is about -1.7e12 ms: Node runs it after
 * 1 ms (Node 24 says so once, with a TimeoutNegativeWarning), and the timer re-arms itself
 * the same way, so every broker connection wakes the process about 1,000 times a second for
 * nothing (tulios/kafkajs#1751 and #1704; the fixes, #1755 and #1768, were never released).
 *
 * This replaces that one method on kafkajs' RequestQueue, as #1768's review proposes: the timer
 * is armed only while a request waits, or until a throttle that is still to end.
 */
const PATCHED_VERSION = '2.2.4';
import { Kafka, type KafkaConfig } from 'kafkajs';

/** kafkajs' own CHECK_PENDING_REQUESTS_INTERVAL. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueTimerState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

interface RequestQueueClass {
  prototype: RequestQueueTimerState & { scheduleCheckPendingRequests(): void };
}

function scheduleCheckPendingRequests(this: RequestQueueTimerState): void {
  if (this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  let delay = untilUnthrottled;
  if (this.pending.length > 0) {
    delay = untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS;
  } else if (untilUnthrottled <= 0) {
    return;
  }
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

/**
 * Installs the fixed method for every kafkajs client of the process (idempotent). Only on the
 * kafkajs version it was written against: `request-queue-timer.unit.spec.ts` fails on another,
 * so an upgrade is the moment to check whether the fix is still needed.
 */
export function fixKafkajsRequestQueueTimer(): void {
  // Deep requires: RequestQueue is not part of kafkajs' public API.
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== PATCHED_VERSION) return;
  const RequestQueue = require('kafkajs/src/network/requestQueue') as RequestQueueClass;
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
}

/** A raw kafkajs client (admin, a test's or a tool's own consumer) with the timer fixed first. */
export function kafkaClient(config: KafkaConfig): Kafka {
  fixKafkajsRequestQueueTimer();
  return new Kafka(config);
}
