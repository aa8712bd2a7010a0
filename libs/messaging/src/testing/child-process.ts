import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(__dirname, '../../../..');

export type Report = Record<string, unknown>;

export interface Child {
  /** Every JSON line the child printed on stdout, in order. */
  reports: Report[];
  waitFor(predicate: (report: Report) => boolean, timeoutMs?: number): Promise<Report>;
  write(line: string): void;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/**
 * Runs a TypeScript file of this folder in its own Node.js process. `@swc-node/register`
 * compiles it (and the libs, through the tsconfig paths) on the fly: Node's own type
 * stripping would not resolve the `@ejournal/*` aliases.
 */
export function spawnScript(script: string, env: Record<string, string>): Child {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, script)],
    {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const reports: Report[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    reports.push(JSON.parse(line) as Report);
    waiters.forEach((wake) => wake());
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return {
    reports,
    write: (line) => child.stdin.write(`${line}\n`),
    kill: (signal) => child.kill(signal),
    exited,
    waitFor(predicate, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = reports.find(predicate);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${script}: no such report in ${timeoutMs} ms; stderr: ${stderr}`));
        }, timeoutMs);
        const cleanup = () => (clearTimeout(timer), waiters.delete(check));
        waiters.add(check);
        void exited.then(() => setTimeout(check, 0));
        check();
      });
    },
  };
}
