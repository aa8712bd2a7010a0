// HTTP for the demo region: one call shape for both services, answers checked against the
// statuses that really mean done, a small concurrency limit, and a progress bar on stderr.
import { createHash } from 'node:crypto';

const COMMANDS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The same request gets the same `Idempotency-Key` in every run (the services keep keys per
 * caller): a second run of the demo is answered from the first one's records.
 */
const stableKey = (method, url, body) =>
  `demo.${createHash('sha256')
    .update(`${method} ${url}\n`)
    .update(body ?? '')
    .digest('hex')
    .slice(0, 40)}`;

/**
 * `call(method, url, { token, json, csv, key })` → `{ status, body, headers }`. Every command
 * carries an `Idempotency-Key`: `key`, or one derived from the request.
 */
export function client(base) {
  return async (method, url, { token, json, csv, key } = {}) => {
    const body = csv ?? (json === undefined ? undefined : JSON.stringify(json));
    const idempotencyKey = key ?? (COMMANDS.has(method) ? stableKey(method, url, body) : null);
    const headers = {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(csv !== undefined ? { 'content-type': 'text/csv' } : {}),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    };
    const response = await fetch(`${base}${url}`, { method, headers, body });
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, headers: response.headers, method, url };
  };
}

export class DemoError extends Error {}

/** The body when the status is one of `ok`, else a loud error naming the request and answer. */
export function expectStatus(answer, ...ok) {
  if (ok.includes(answer.status)) return answer.body;
  const detail = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  throw new DemoError(`${answer.method} ${answer.url} answered ${answer.status}: ${detail}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Facts travel from identity to the journal through Kafka: a refusal that only means "not
 * there yet" is asked again for a while, then reported like any other refusal.
 */
export async function untilArrived(send, inTransit, withinMs = 30_000) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await send();
    if (!inTransit(answer) || Date.now() > deadline) return answer;
    await sleep(200);
  }
}

/** Runs `task(item)` for every item with at most `limit` at once; the first failure wins. */
export async function eachLimited(items, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** `[#####-----]  412/980 lessons  8.1s` redrawn in place on a terminal, a line per phase else. */
export function progress(label, total) {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let done = 0;
  let drawn = 0;
  const line = () => {
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `[demo] [${bar}] ${String(done).padStart(5)}/${total} ${label}  ${seconds}s`;
  };
  return {
    tick(n = 1) {
      done += n;
      if (tty && (Date.now() - drawn > 80 || done === total)) {
        drawn = Date.now();
        process.stderr.write(`\r${line()}`);
      }
    },
    end() {
      process.stderr.write(tty ? `\r${line()}\n` : `${line()}\n`);
    },
  };
}
