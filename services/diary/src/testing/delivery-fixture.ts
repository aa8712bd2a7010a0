import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';

// Specs only: notifications written as the journal consumer writes them, and a school app's
// receiver on loopback that answers as each spec tells it.

let made = 0;

/** Inserts notifications into the outbox as the consumer would; their ids in seq order. */
export async function insertNotifications(
  pool: Pool,
  rows: { pupilId: string; recipientId: string; schoolId: string; kind?: string }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const row of rows) {
    const hex = createHash('sha256')
      .update(`spec-${process.pid}-${(made += 1)}`)
      .digest('hex');
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    const kind = row.kind ?? 'mark_recorded';
    const message = {
      notificationId: id,
      schemaVersion: 1,
      kind,
      pupilId: row.pupilId,
      recipientId: row.recipientId,
      recipientRole: row.recipientId === row.pupilId ? 'pupil' : 'guardian',
      schoolId: row.schoolId,
      occurredAt: new Date().toISOString(),
      data: { markId: `m-${made}`, value: '5' },
    };
    await pool.query(
      `INSERT INTO diary.notifications
         (notification_id, pupil_id, recipient_id, school_id, kind, message)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, row.pupilId, row.recipientId, row.schoolId, kind, JSON.stringify(message)],
    );
    ids.push(id);
  }
  return ids;
}

export interface Received {
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered (0: nothing, it hung up or timed out). */
  answered: number;
}

export type Behaviour = (
  request: Received,
  attempt: number,
) => number | 'hang' | { slowMs: number } | { answer: Promise<number> };

/** A webhook receiver on 127.0.0.1 that records every request and answers per `behaviour`. */
export async function startReceiver(behaviour: Behaviour) {
  const requests: Received[] = [];
  const attempts = new Map<string, number>();
  let behave = behaviour;
  const hung = new Set<IncomingMessage>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: Received = {
        headers: request.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
        answered: 0,
      };
      requests.push(received);
      const id = received.headers['webhook-id'] ?? '';
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      const answer = behave(received, attempt);
      if (answer === 'hang') return void hung.add(request);
      const reply = (status: number) => {
        received.answered = status;
        response.writeHead(status).end();
      };
      if (typeof answer === 'number') reply(answer);
      else if ('answer' in answer) void answer.answer.then(reply);
      else setTimeout(() => reply(200), answer.slowMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests,
    /** Requests the receiver accepted (2xx), in the order it accepted them. */
    accepted: () => requests.filter((each) => each.answered >= 200 && each.answered < 300),
    behave(next: Behaviour) {
      behave = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
