import { START, type EventStore } from '@ejournal/event-store';
import { toOutboundMessage, type OutboundMessage, type Publisher } from '@ejournal/messaging';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { perSecond } from '../measure';

/** Events per second the store hands over in the relay's pages, nothing else done. */
export async function rawReadRate(store: EventStore, batchSize: number) {
  const started = performance.now();
  let from = START;
  let events = 0;
  let sample: OutboundMessage[] = [];
  for (;;) {
    const page = await store.readAll(from, { limit: batchSize });
    if (page.entries.length === 0) break;
    if (sample.length === 0) {
      sample = page.entries.map(({ event }) => toOutboundMessage(event, ROOT_CONTEXT));
    }
    events += page.entries.length;
    from = page.next;
  }
  return { events, eventsPerSec: perSecond(events, (performance.now() - started) / 1000), sample };
}

/** Messages per second the idempotent producer gets acknowledged, in the relay's batch size. */
export async function rawPublishRate(
  publisher: Publisher,
  topic: string,
  sample: OutboundMessage[],
  total: number,
) {
  const started = performance.now();
  for (let sent = 0; sent < total; sent += sample.length) {
    await publisher.publish(topic, sample.slice(0, Math.min(sample.length, total - sent)));
  }
  return perSecond(total, (performance.now() - started) / 1000);
}
