import { IntegrityCheckpointV1, type IntegrityCheckpoint } from '@ejournal/contracts';
import { createKafkajsBus, provisionEventTopics, type Subscriber } from '@ejournal/messaging';
import { randomUUID } from 'node:crypto';

export interface CheckpointListener {
  readonly received: IntegrityCheckpoint[];
  /** Resolves with the first checkpoint received that matches, or fails after `timeoutMs`. */
  until(
    match: (checkpoint: IntegrityCheckpoint) => boolean,
    timeoutMs?: number,
  ): Promise<IntegrityCheckpoint>;
  stop(): Promise<void>;
}

/** Provisions a checkpoints topic and reads it from the beginning, as a consumer would. */
export async function listenToCheckpoints(
  brokers: string[],
  topic: string,
): Promise<CheckpointListener> {
  const bus = createKafkajsBus({ brokers, clientId: 'checkpoint-listener', logLevel: 'nothing' });
  const admin = await bus.admin();
  await provisionEventTopics(admin, [topic], { partitions: 1, replicationFactor: 1 });
  await admin.close();
  const received: IntegrityCheckpoint[] = [];
  const subscriber: Subscriber = bus.subscriber({
    groupId: `listener-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
  });
  await subscriber.run(async (batch, control) => {
    for (const message of batch.messages) {
      received.push(IntegrityCheckpointV1.parse(JSON.parse(String(message.value))));
      await control.commit(message.offset);
    }
  });
  return {
    received,
    async until(match, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`no matching checkpoint among ${JSON.stringify(received)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    stop: () => subscriber.stop(),
  };
}
