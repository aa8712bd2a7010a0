import { freePort } from '@ejournal/testing';
import { spawn } from 'node:child_process';
import path from 'node:path';

const SERVICE = path.resolve(__dirname, '../../../../services/journal/src');
const MAIN = path.join(SERVICE, 'main.js');
const REBUILD = path.join(SERVICE, 'read-models/rebuild/rebuild-read-models.cli.js');
const KEPT_LINES = 5;
/** How long a SIGTERM may take before the process is killed. */
const STOP_WITHIN_MS = 30_000;

export interface JournalProcess {
  baseUrl: string;
  pid: number | undefined;
  /** Its JSON log lines at warn and error, counted, and the last few lines it wrote. */
  logs(): { warn: number; error: number; last: string[] };
  /** SIGTERM, then SIGKILL after STOP_WITHIN_MS: how long it took and whether it was killed. */
  stop(): Promise<{ seconds: number; killed: boolean }>;
}

/**
 * The built journal service (`dist/services/journal/src/main.js`) as one child process on a
 * free loopback port, with its relay and identity facts consumer on, as in production.
 * Resolves once `/health/ready` answers 200.
 */
export async function startJournal(env: Record<string, string>): Promise<JournalProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A bench that fails half-way must not leave the service running (and loading the machine).
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => process.removeListener('exit', orphaned));
  const counts = { warn: 0, error: 0 };
  const last: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      if (line.includes('"level":"warn"')) counts.warn += 1;
      if (line.includes('"level":"error"')) counts.error += 1;
      last.push(line.slice(0, 400));
      if (last.length > KEPT_LINES) last.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const stop = () =>
    new Promise<{ seconds: number; killed: boolean }>((resolve) => {
      const started = performance.now();
      let killed = false;
      if (exited()) return resolve({ seconds: 0, killed });
      const timer = setTimeout(() => (killed = child.kill('SIGKILL')), STOP_WITHIN_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve({ seconds: Number(((performance.now() - started) / 1000).toFixed(1)), killed });
      });
      child.kill('SIGTERM');
    });
  for (const deadline = Date.now() + 60_000; ;) {
    const ready = await fetch(`${baseUrl}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (exited() || Date.now() > deadline) {
      await stop();
      throw new Error(`the journal did not start:\n${last.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl, pid: child.pid, logs: () => ({ ...counts, last: [...last] }), stop };
}

/**
 * The operator's rebuild of every journal read model (the service stopped): the journal's
 * own CLI with the service's environment. Resolves with what it printed.
 */
export function rebuildReadModels(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [REBUILD], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      code === 0 ? resolve(output.trim()) : reject(new Error(`rebuild exited ${code}: ${output}`)),
    );
  });
}
