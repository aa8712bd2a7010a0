import type { RecordedEvent } from '@ejournal/contracts';
import { decodeEvent, type MessageBus, type Upcast } from '@ejournal/messaging';
import { randomUUID } from 'node:crypto';

/**
 * Applies again every message of one stream found on the topic, from its beginning up to the
 * end offsets it had when the replay began: the diary's rebuild, since the journal's store is
 * not the diary's to read. A consumer group of its own (a fresh name each time) reads every
 * partition; messages of other streams are passed over. `apply` is the consumer's own,
 * idempotent by stream version, so what was applied already changes nothing.
 */
export async function replayStream(options: {
  bus: MessageBus;
  topic: string;
  streamId: string;
  upcast: Upcast;
  apply(event: RecordedEvent): Promise<unknown>;
}): Promise<number> {
  const { bus, topic, streamId } = options;
  const admin = await bus.admin();
  const ends = await admin.endOffsets(topic).finally(() => admin.close());
  const remaining = new Set([...ends].filter(([, end]) => end !== '0').map(([p]) => p));
  if (remaining.size === 0) return 0;
  let applied = 0;
  let failure: unknown = null;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const subscriber = bus.subscriber({ groupId: `diary.replay.${randomUUID()}`, topics: [topic] });
  await subscriber.run(async (batch, control) => {
    const end = BigInt(ends.get(batch.partition) ?? '0');
    for (const message of batch.messages) {
      if (BigInt(message.offset) >= end) break;
      if (message.key === streamId && failure === null) {
        try {
          await options.apply(decodeEvent(message, options.upcast));
          applied += 1;
        } catch (error) {
          failure = error;
        }
      }
      if (BigInt(message.offset) + 1n >= end) remaining.delete(batch.partition);
    }
    await control.commit(batch.messages.at(-1)?.offset ?? '0');
    if (remaining.size === 0 || failure !== null) finish();
  });
  await done;
  await subscriber.stop();
  if (failure !== null) throw failure;
  return applied;
}
