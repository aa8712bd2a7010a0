import { kafkaClient } from '@ejournal/messaging';
import { logLevel } from 'kafkajs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** markId → when each of its notifications was first seen (performance.now()). */
export type Seen = Map<string, Map<string, number>>;

const see = (seen: Seen, markId: string | undefined, notificationId: string) => {
  if (!markId) return;
  const of = seen.get(markId) ?? new Map<string, number>();
  if (!of.has(notificationId)) of.set(notificationId, performance.now());
  seen.set(markId, of);
};

type Value = { data?: { markId?: string }; notificationId?: string; eventId?: string };

/**
 * A consumer of `topic` from its start: a school app on the notifications topic (by default),
 * or, with `idOf` naming the journal event's own id, a watcher of the journal's topic.
 */
export async function watchTopic(
  topic: string,
  idOf: (value: Value) => string | undefined = (value) => value.notificationId,
) {
  const kafka = kafkaClient({
    clientId: 'bench-diary-app',
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `${topic}.bench-watch`, maxWaitTimeInMs: 50 });
  const seen: Seen = new Map();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const value = JSON.parse(message.value?.toString() ?? '{}') as Value;
      const id = idOf(value);
      if (id) see(seen, value.data?.markId, id);
    },
  });
  return { seen, close: () => consumer.disconnect() };
}

/** A school app's webhook endpoint that verifies each request (Standard Webhooks) and answers 204. */
export async function startWebhookApp(secret: string) {
  const verifier = new Webhook(secret);
  const seen: Seen = new Map();
  let forged = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        verifier.verify(body, request.headers as Record<string, string>);
      } catch {
        forged += 1;
        return void response.writeHead(400).end();
      }
      const { data } = JSON.parse(body);
      see(seen, data?.data?.markId, data?.notificationId);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/diary`,
    seen,
    forged: () => forged,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Lags from each mark's sending to each of its notifications, and how many never came. */
export function lagsOf(sent: Map<string, number>, seen: Seen, perMark: number) {
  const lagsMs: number[] = [];
  let missing = 0;
  for (const [markId, at] of sent) {
    const times = [...(seen.get(markId)?.values() ?? [])];
    lagsMs.push(...times.map((time) => time - at));
    missing += Math.max(0, perMark - times.length);
  }
  return { lagsMs, missing };
}
