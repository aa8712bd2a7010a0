import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Pool } from 'pg';
import { readKeyringFile } from '../checkpoints/keyring-file';
import { exportInput } from '../export/export-input';
import { exportStore } from '../export/export-store';
import { ProofService } from '../proofs/proof-service';
import { readCheckpointFile } from '../publish/checkpoint-file';
import { IntegrityService } from '../service/integrity-service';
import { databaseInput } from '../verify/database-input';
import { summarize, type VerificationReport } from '../verify/report';
import { verifyIntegrity } from '../verify/verify-integrity';
import { findCheckpoint } from '../checkpoints/checkpoint-table';
import { NotFoundError } from '../errors';
import { logVerifierKey } from '../notes/checkpoint-note';
import { logVerifierKeys } from '../notes/log-keys';
import { witnessPolicy } from '../notes/witness-policy';
import { Witnessing } from '../witness/witnessing';
import { parseCommand, USAGE, UsageError, type Command } from './cli-args';
import { fetchExport, isStreamExport, verifyStreamExportFile } from './stream-export-cli';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** `ejournal-verify`: 0 when everything verified, 1 when a problem was found, 2 on a failure. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.name === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    return await run(command, io);
  } catch (error) {
    const code = (error as { code?: string }).code;
    io.stderr(`${code ? `${code}: ` : ''}${(error as Error).message}\n`);
    if ((error as Error).name === 'UsageError' || code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      io.stderr(`${USAGE}\n`);
    }
    return 2;
  }
}

async function run(command: Exclude<Command, { name: 'help' }>, io: Io): Promise<number> {
  if (command.name === 'fetch') return fetchExport(command, io);
  if (
    command.name === 'verify' &&
    command.exportFile &&
    (await isStreamExport(command.exportFile))
  ) {
    return verifyStreamExportFile(command.exportFile, command.keys, command.report, io);
  }
  if (command.name === 'verify' && command.exportFile) return verify(command, io, null);
  if (command.name === 'verifier-key' && command.keys) {
    const logId = command.logId ?? '';
    for (const key of await readKeyringFile(command.keys)) {
      io.stdout(`${logVerifierKey(logId, Buffer.from(key.publicKey, 'base64'))}\n`);
    }
    return 0;
  }
  const pool = new Pool({ connectionString: command.databaseUrl, max: 2 });
  try {
    switch (command.name) {
      case 'verify':
        return await verify(command, io, pool);
      case 'export': {
        const out = createWriteStream(command.out, { flags: 'wx' });
        const input = await databaseInput(pool, describe(command.databaseUrl), {
          leafIndexes: true,
        });
        const counts = await exportStore(input, out);
        out.end();
        await finished(out);
        io.stderr(
          `exported ${counts.events} events and ${counts.leaves} leaves to ${command.out}\n`,
        );
        return 0;
      }
      case 'keys':
        await writeFile(
          command.out,
          `${JSON.stringify(await new IntegrityService(pool).keys(), null, 2)}\n`,
        );
        return 0;
      case 'prove': {
        const event = command.eventId
          ? { eventId: command.eventId }
          : { globalPosition: command.position ?? '' };
        const proof = await new ProofService(pool).inclusionProof(event, command.checkpoint);
        io.stdout(`${JSON.stringify(proof, null, 2)}\n`);
        return 0;
      }
      case 'verifier-key':
        for (const key of await logVerifierKeys(pool)) io.stdout(`${key.verifierKey}\n`);
        return 0;
      case 'note': {
        const checkpoint = await findCheckpoint(pool, command.checkpoint);
        if (!checkpoint) throw new NotFoundError(`No checkpoint ${command.checkpoint ?? 'yet'}`);
        const notes = new Witnessing({ db: pool, witnesses: [] });
        io.stdout((await notes.describe(checkpoint)).note);
        return 0;
      }
      case 'consistency':
        io.stdout(
          `${JSON.stringify(await new ProofService(pool).consistencyProof(command.from, command.to), null, 2)}\n`,
        );
        return 0;
    }
  } finally {
    await pool.end();
  }
}

async function verify(
  command: Extract<Command, { name: 'verify' }>,
  io: Io,
  pool: Pool | null,
): Promise<number> {
  const input = pool
    ? await databaseInput(pool, describe(command.databaseUrl ?? ''))
    : exportInput(command.exportFile ?? '');
  const report: VerificationReport = await verifyIntegrity(input, {
    trustedKeys:
      command.keys === undefined
        ? undefined
        : {
            entries: await readKeyringFile(command.keys),
            description: `keyring file ${command.keys}`,
          },
    published:
      command.checkpoints === undefined
        ? undefined
        : {
            checkpoints: await readCheckpointFile(command.checkpoints),
            description: `published checkpoints file ${command.checkpoints}`,
          },
    witnesses: await witnessOption(command),
  });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (command.report) await writeFile(command.report, json);
  io.stdout(json);
  io.stderr(summarize(report));
  return report.ok ? 0 : 1;
}

/** The database URL without its password, to name the source in reports. */
function describe(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return `database ${parsed.toString()}`;
}

/** The witness policy of --witness / --witness-keys and --quorum (all of them by default). */
async function witnessOption(command: Extract<Command, { name: 'verify' }>) {
  const keys = [...(command.witnesses ?? [])];
  if (command.witnessKeys) {
    const lines = (await readFile(command.witnessKeys, 'utf8')).split('\n');
    keys.push(...lines.map((line) => line.trim()).filter((line) => line && !line.startsWith('#')));
  }
  if (keys.length === 0) {
    if (command.quorum !== undefined) throw new UsageError('--quorum needs witness keys');
    return undefined;
  }
  const quorum = command.quorum ?? keys.length;
  try {
    return {
      policy: witnessPolicy(keys, quorum),
      description: `${quorum} of ${keys.length} witnesses (${command.witnessKeys ?? '--witness'})`,
    };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
