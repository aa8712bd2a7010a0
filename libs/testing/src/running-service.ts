import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export interface RunningService {
  baseUrl: string;
  stop(): Promise<void>;
  /** `kill -9`: no shutdown hooks, sessions and sockets dropped as in a crash. */
  kill(): Promise<void>;
  logs(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A built service (`node dist/services/<name>/src/main.js`) as a child process on a free
 * loopback port, returned once its `/health/ready` answers 200. End-to-end specs only.
 */
export async function startBuiltService(
  name: string,
  env: Record<string, string>,
  // A bound, not a pause: a restarted service rejoins its consumer groups, slow on a busy machine.
  readyWithinMs = 60_000,
): Promise<RunningService> {
  // From the sources (specs) or from dist/ (benchmarks run compiled).
  const root = path.resolve(__dirname, '../../..');
  const dist = path.basename(root) === 'dist' ? root : path.join(root, 'dist');
  const main = path.join(dist, `services/${name}/src/main.js`);
  // A service restarted in place (the fault suite) keeps the port it was given.
  const port = env['PORT'] ? Number(env['PORT']) : await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', main], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    const answer = await fetch(`${baseUrl}/health/ready`).then(
      async (response) => ({
        ok: response.ok,
        text: `${response.status} ${await response.text()}`,
      }),
      (error: unknown) => ({ ok: false, text: String(error) }),
    );
    if (answer.ok) break;
    if (Date.now() > deadline) {
      // Not left running: its pipes would keep the test process (and the run) alive.
      await ended(child, 'SIGKILL');
      throw new Error(
        `${name} did not become ready within ${readyWithinMs} ms (last /health/ready: ${answer.text}):\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    logs: () => output,
    stop: () => ended(child, 'SIGTERM'),
    kill: () => ended(child, 'SIGKILL'),
  };
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read whatever the API answered
  body: any;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  csv?: Buffer;
  headers?: Record<string, string>;
  /**
   * The `Idempotency-Key` a POST, PUT, PATCH or DELETE sends: a fresh one by default (every
   * command needs one), the same one to send a retry, null to send none.
   */
  idempotencyKey?: string | null;
}

const COMMANDS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A client as a school app would be: fetch, JSON or CSV bodies, bearer tokens, an
 * `Idempotency-Key` on every command.
 */
export function httpClient(baseUrl: string) {
  return async (method: string, url: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = {};
    const key = options.idempotencyKey === undefined ? randomUUID() : options.idempotencyKey;
    if (key !== null && COMMANDS.has(method.toUpperCase())) headers['idempotency-key'] = key;
    for (const [name, value] of Object.entries(options.headers ?? {}))
      headers[name.toLowerCase()] = value;
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.csv) headers['content-type'] = 'text/csv';
    const body =
      options.csv ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
    const response = await fetch(`${baseUrl}${url}`, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : null,
      headers: response.headers,
    };
  };
}
