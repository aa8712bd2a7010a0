// A consumer group member in its own process, for the crash tests. With CRASH_AT_BATCH=n it
// kills itself with SIGKILL after processing its n-th batch and before committing it.
import mongoose from 'mongoose';
import { startConsumer } from '../consumer/start-consumer';
import { stopOnSignals } from '../consumer/stop-on-signals';
import { createKafkajsBus } from '../kafkajs/kafkajs-bus';
import { report, requiredEnv } from './report';
import { projectIntoTally, schoolTallyModel } from './school-tally';

async function main(): Promise<void> {
  const crashAt = Number(process.env['CRASH_AT_BATCH'] ?? 0);
  const connection = await mongoose.createConnection(requiredEnv('READ_MODEL_URL')).asPromise();
  const tally = schoolTallyModel(connection);
  const counts = { handled: 0, applied: 0, duplicates: 0, committedBatches: 0 };
  const consumer = await startConsumer({
    bus: createKafkajsBus({
      brokers: requiredEnv('KAFKA_BROKERS').split(','),
      clientId: 'consumer-process',
      logLevel: 'nothing',
    }),
    groupId: requiredEnv('GROUP_ID'),
    topics: [requiredEnv('TOPIC')],
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
    async handle(event) {
      counts.handled += 1;
      const result = await projectIntoTally(tally, event);
      counts[result === 'applied' ? 'applied' : 'duplicates'] += 1;
    },
    onDeadLetter: async (letter) => report({ deadLetter: letter.errorMessage }),
    async beforeCommit(batch, lastOffset) {
      report({
        processedBatch: batch.messages.length,
        partition: batch.partition,
        lastOffset,
        ...counts,
      });
      if (counts.committedBatches + 1 === crashAt) process.kill(process.pid, 'SIGKILL');
      counts.committedBatches += 1;
    },
  });
  stopOnSignals([consumer], async () => {
    await connection.close();
    report({ stopped: true, ...counts });
  });
  report({ started: true });
}

main().catch((error: unknown) => {
  report({ fatal: String(error) });
  process.exit(1);
});
