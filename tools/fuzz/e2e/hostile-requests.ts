import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { operationsOf, type OpenApiPaths, type Operation } from '../src/operations';
import type { Exchange } from '../src/verdict';

/** One hand-made abuse of an operation: what it sends besides a valid token and key. */
interface Abuse {
  name: string;
  /** Only operations that take a JSON body, or only those with path parameters. */
  needs?: 'json-body' | 'path-parameter';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Replaces the filled-in path (a bad percent-encoding, an over-long segment). */
  path?: (route: string) => string;
}

const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const JSON_TYPE = { 'content-type': 'application/json' };

const ABUSES: Abuse[] = [
  { name: 'malformed JSON', needs: 'json-body', headers: JSON_TYPE, body: '{"a":' },
  { name: 'empty JSON body', needs: 'json-body', headers: JSON_TYPE, body: '' },
  { name: 'JSON nested 10,000 deep', needs: 'json-body', headers: JSON_TYPE, body: deep },
  {
    name: 'invalid UTF-8',
    needs: 'json-body',
    headers: JSON_TYPE,
    body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]),
  },
  { name: 'lone surrogate', needs: 'json-body', headers: JSON_TYPE, body: '{"a":"\\ud800"}' },
  { name: 'number past 2^53', needs: 'json-body', headers: JSON_TYPE, body: '{"a":1e300}' },
  { name: '__proto__ key', needs: 'json-body', headers: JSON_TYPE, body: '{"__proto__":{}}' },
  {
    name: 'oversized body (1 MiB + 1)',
    needs: 'json-body',
    headers: JSON_TYPE,
    body: `"${'a'.repeat(1_048_575)}"`,
  },
  {
    name: 'text/plain body',
    needs: 'json-body',
    headers: { 'content-type': 'text/plain' },
    body: '{}',
  },
  {
    name: 'form body',
    needs: 'json-body',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'a=1',
  },
  { name: 'XML body', headers: { 'content-type': 'application/xml' }, body: '<a/>' },
  { name: 'long Idempotency-Key', headers: { 'idempotency-key': 'k'.repeat(4_096) } },
  { name: 'bad percent-encoding', needs: 'path-parameter', path: (route) => `${route}/%E0%A4%A` },
  {
    name: 'over-long path parameter',
    needs: 'path-parameter',
    path: (route) => route.replace(/\{[^}]+\}/, 'x'.repeat(2_000)),
  },
];

/** Header values fetch would not send: Node's parser refuses them before any framework runs. */
const RAW_KEYS = [
  { name: '70 KB Idempotency-Key (past Node’s 16 KiB of headers)', key: 'k'.repeat(70_000) },
  { name: 'Idempotency-Key of control bytes', key: 'key\u0001\u0002key' },
  { name: 'Idempotency-Key in Cyrillic (UTF-8 bytes)', key: 'ключ-повтора-1' },
];

export interface HostileTarget {
  service: string;
  baseUrl: string;
  token: string;
  document: OpenApiPaths;
  excluded: readonly string[];
}

/**
 * What a property-based generator does not send: broken and oversized bodies, wrong content
 * types, huge and odd `Idempotency-Key`s, invalid UTF-8, deep nesting, undecodable paths, and
 * headers past Node's limit, each to every operation it applies to, with a valid token.
 */
export async function sendHostileRequests(target: HostileTarget): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  for (const operation of operationsOf(target.document, target.excluded)) {
    for (const abuse of ABUSES.filter((candidate) => applies(candidate, operation)))
      exchanges.push(await send(target, operation, abuse));
    for (const { name, key } of RAW_KEYS)
      exchanges.push(await sendRaw(target, operation, name, key));
  }
  return exchanges;
}

function applies(abuse: Abuse, operation: Operation): boolean {
  if (abuse.needs === 'json-body') return operation.jsonBody;
  if (abuse.needs === 'path-parameter') return operation.pathParameters;
  return true;
}

const filled = (route: string) => route.replace(/\{[^}]+\}/g, 'fuzz-1');

async function send(target: HostileTarget, operation: Operation, abuse: Abuse): Promise<Exchange> {
  const route = abuse.path ? abuse.path(operation.path) : operation.path;
  const url = `${target.baseUrl}${filled(route)}`;
  const hasBody = abuse.body !== undefined && operation.method !== 'GET';
  const response = await fetch(url, {
    method: operation.method,
    headers: {
      authorization: `Bearer ${target.token}`,
      'idempotency-key': randomUUID(),
      ...abuse.headers,
    },
    ...(hasBody ? { body: abuse.body } : {}),
    // An event stream answers with its headers and stays open: its body is never read.
    signal: AbortSignal.timeout(10_000),
  });
  const streaming = response.headers.get('content-type')?.startsWith('text/event-stream');
  const body = streaming ? '' : await response.text();
  if (streaming) await response.body?.cancel();
  return {
    service: target.service,
    method: operation.method,
    url: `${url.slice(0, 200)} (${abuse.name})`,
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body,
  };
}

/** Raw bytes, since fetch would not send them: the answer is read before the server closes. */
function sendRaw(
  target: HostileTarget,
  operation: Operation,
  name: string,
  idempotencyKey: string,
): Promise<Exchange> {
  const { hostname, port } = new URL(target.baseUrl);
  const request =
    `${operation.method} ${filled(operation.path)} HTTP/1.1\r\nHost: ${hostname}\r\n` +
    `Authorization: Bearer ${target.token}\r\nIdempotency-Key: ${idempotencyKey}\r\n` +
    'Content-Length: 0\r\nConnection: close\r\n\r\n';
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => socket.write(request, 'utf8'));
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      if (!status) return reject(new Error(`${operation.key}: no answer to ${name}`));
      resolve({
        service: target.service,
        method: operation.method,
        url: `${target.baseUrl}${operation.path} (${name})`,
        status,
        contentType: /^content-type: *(.*)$/im.exec(head)?.[1]?.trim() ?? '',
        body,
      });
    });
    // The server closes while the header is still arriving: a reset after its answer.
    socket.on('error', () => socket.destroy());
  });
}
