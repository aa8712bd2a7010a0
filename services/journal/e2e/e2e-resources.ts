import { kafkaClient } from '@ejournal/messaging';
import { dropMongo } from '@ejournal/testing';
import { logLevel } from 'kafkajs';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';

// Shared with the other services' end-to-end specs: libs/testing/src/e2e.
export { dropMongo, dropRoles, rosterFile } from '@ejournal/testing';

/** Every message on a topic from the beginning, read by a throwaway group until it is idle. */
export async function journalEventsOn(topic: string, idleMs = 3_000) {
  const kafka = kafkaClient({
    clientId: 'journal-e2e',
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `${topic}.e2e-reader` });
  const seen: { key: string; type: string; traceparent: string }[] = [];
  let last = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      last = Date.now();
      seen.push({
        key: message.key?.toString() ?? '',
        type: message.headers?.['type']?.toString() ?? '',
        traceparent: message.headers?.['traceparent']?.toString() ?? '',
      });
    },
  });
  while (Date.now() - last < idleMs) await new Promise((resolve) => setTimeout(resolve, 200));
  await consumer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
  await admin.disconnect();
  return seen;
}

/** A journal's documents in every read model, sorted by `_id`: what "equal" compares. */
export async function readModelsOf(mongoUrl: string, journalId: string) {
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  try {
    const db = connection.db as NonNullable<typeof connection.db>;
    const of = (collection: string) =>
      db.collection(collection).find({ journalId }).sort({ _id: 1 }).toArray();
    const [header, columns, histories, markCells] = await Promise.all([
      db.collection('journals').findOne({ _id: journalId as never }),
      of('grid_columns'),
      of('cell_history'),
      of('mark_cells'),
    ]);
    return { header, columns, histories, markCells };
  } finally {
    await connection.close();
  }
}

/**
 * The journal rebuilt from its stream by the operator's command into a read store of its own
 * (a fresh database on the same server), read back as `readModelsOf` reads the live one.
 */
export async function rebuiltReadModels(env: Record<string, string>, journalId: string) {
  const url = new URL(env['MONGO_URL'] ?? '');
  url.pathname = `${url.pathname.replace(/^\//, '')}_rebuilt`.replace(/^/, '/');
  const cli = path.resolve(
    __dirname,
    '../../../dist/services/journal/src/read-models/rebuild/rebuild-read-models.cli.js',
  );
  await promisify(execFile)(process.execPath, [cli, journalId], {
    env: { ...process.env, ...env, MONGO_URL: url.toString(), LOG_LEVEL: 'warn' },
  });
  try {
    return await readModelsOf(url.toString(), journalId);
  } finally {
    await dropMongo(url.toString());
  }
}
