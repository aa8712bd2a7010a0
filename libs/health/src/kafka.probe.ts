import { fixKafkajsRequestQueueTimer } from '@ejournal/messaging';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { DependencyProbe, withTimeout } from './dependency-probe';

export function kafkaProbe(brokers: string[], clientId: string, timeoutMs = 3000): DependencyProbe {
  // Its connection is the only kafkajs client of diary and archive.
  fixKafkajsRequestQueueTimer();
  const kafka = new Kafka({
    clientId: `${clientId}-health`,
    brokers,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  let admin: Admin | undefined;
  return {
    name: 'kafka',
    async check() {
      admin ??= kafka.admin();
      try {
        await withTimeout(admin.connect(), timeoutMs, 'Kafka');
        const cluster = await withTimeout(admin.describeCluster(), timeoutMs, 'Kafka');
        if (cluster.brokers.length === 0) throw new Error('Kafka cluster reports no brokers');
      } catch (error) {
        const failed = admin;
        admin = undefined;
        await failed.disconnect().catch(() => undefined);
        throw error;
      }
    },
    async close() {
      await admin?.disconnect();
    },
  };
}
