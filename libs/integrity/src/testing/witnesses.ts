import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { witnessesFrom, type Witness } from '../witness/witnessing';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../../..');
const INFRA = process.env['INFRA_DIR'] ?? path.join(ROOT, '.infra');

/** A test witness (torchwood's litewitness, started by `tools/infra/infra.sh up`). */
export interface TestWitness extends Witness {
  /** Its SQLite database, where witnessctl adds the logs it may cosign. */
  db: string;
}

const fromEnv = (name: string, fallback: () => string[]): string[] => {
  const value = process.env[name];
  return value ? value.split(',').map((item) => item.trim()) : fallback();
};

/** The two witnesses of the local infrastructure, from `infra.sh env` or its files. */
export function testWitnesses(): TestWitness[] {
  const ids = [1, 2];
  const urls = fromEnv('EJOURNAL_TEST_WITNESS_URLS', () =>
    ids.map((i) => `http://127.0.0.1:${57379 + i}`),
  );
  const keys = fromEnv('EJOURNAL_TEST_WITNESS_KEYS', () =>
    ids.map((i) => {
      const file = path.join(INFRA, 'witness', String(i), 'vkey');
      if (!existsSync(file)) {
        throw new Error(`No witness ${i} (${file}): start them with bash tools/infra/infra.sh up`);
      }
      return readFileSync(file, 'utf8').trim();
    }),
  );
  const dbs = fromEnv('EJOURNAL_TEST_WITNESS_DBS', () =>
    ids.map((i) => path.join(INFRA, 'witness', String(i), 'witness.db')),
  );
  return witnessesFrom(urls, keys).map((witness, i) => ({ ...witness, db: dbs[i] as string }));
}

const witnessctl = () =>
  process.env['EJOURNAL_WITNESSCTL'] ?? path.join(INFRA, 'bin', 'witnessctl');

/** Tells each witness about a log and its key, as a witness operator does with witnessctl. */
export async function registerLog(
  witnesses: TestWitness[],
  origin: string,
  logVerifierKey: string,
): Promise<void> {
  for (const { db } of witnesses) {
    await run(witnessctl(), ['add-log', '-db', db, '-origin', origin]);
    await run(witnessctl(), ['add-key', '-db', db, '-origin', origin, '-key', logVerifierKey]);
  }
}

/**
 * Checks a note with tools/witness/cmd/note-verify: golang.org/x/mod/sumdb/note and
 * github.com/transparency-dev/formats/log, the reference Go code. Resolves with its JSON
 * answer, or rejects with what it printed.
 */
export async function goNoteVerify(
  note: string,
  logVerifierKey: string,
  witnessKeys: string[] = [],
  quorum = 0,
): Promise<{ origin: string; size: number; hash: string; verifiedBy: string[] }> {
  const binary = process.env['EJOURNAL_NOTE_VERIFY'] ?? path.join(INFRA, 'bin', 'note-verify');
  const args = ['-key', logVerifierKey, '-quorum', String(quorum)];
  witnessKeys.forEach((key) => args.push('-witness', key));
  const child = execFile(binary, args);
  const output = new Promise<string>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(stderr.trim() || `exit ${code}`)),
    );
  });
  child.stdin?.end(note);
  return JSON.parse(await output);
}
