// A relay replica in its own process, for the crash tests. With CRASH_AFTER_BATCHES=n it
// kills itself with SIGKILL after Kafka acknowledged its n-th page and before the checkpoint,
// once a line arrives on stdin (so the test decides when).
import { journalRegistry } from '@ejournal/contracts';
import { PostgresEventStore } from '@ejournal/event-store';
import { once } from 'node:events';
import { Pool } from 'pg';
import { stopOnSignals } from '../consumer/stop-on-signals';
import { createKafkajsBus } from '../kafkajs/kafkajs-bus';
import { PostgresRelayLease } from '../relay/postgres-relay-lease';
import { startRelay } from '../relay/start-relay';
import { withoutUpcasting } from '../relay/stored-form';
import { report, requiredEnv } from './report';

async function main(): Promise<void> {
  const appUrl = requiredEnv('APP_DATABASE_URL');
  const crashAfter = Number(process.env['CRASH_AFTER_BATCHES'] ?? 0);
  const pool = new Pool({ connectionString: appUrl, max: 2 });
  const store = new PostgresEventStore({ pool, schemas: withoutUpcasting(journalRegistry) });
  const bus = createKafkajsBus({
    brokers: requiredEnv('KAFKA_BROKERS').split(','),
    clientId: 'relay-process',
    logLevel: 'nothing',
  });
  const publisher = await bus.publisher();
  let batches = 0;
  const relay = startRelay({
    store,
    publisher,
    lease: new PostgresRelayLease({
      connectionString: appUrl,
      name: requiredEnv('RELAY_NAME'),
      retryMs: 50,
    }),
    topic: requiredEnv('TOPIC'),
    batchSize: Number(requiredEnv('BATCH_SIZE')),
    onLeadership: (leader) => report({ leader }),
    onError: (error) => report({ error: String(error) }),
    async afterPublish(page) {
      batches += 1;
      report({ acknowledged: page.entries.length, batches });
      if (batches !== crashAfter) return;
      await once(process.stdin, 'data');
      process.kill(process.pid, 'SIGKILL');
    },
  });
  stopOnSignals([relay], async () => {
    await publisher.close();
    await pool.end();
    report({ stopped: true, batches });
  });
  report({ started: true });
}

main().catch((error: unknown) => {
  report({ fatal: String(error) });
  process.exit(1);
});
