import { createReadStream, createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readKeyringFile } from '../checkpoints/keyring-file';
import { STREAM_EXPORT_FORMAT } from '../export/stream-export-format';
import { verifyStreamExport } from '../export/verify-stream-export';
import { UsageError, type Command } from './cli-args';

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Whether the file's header names the stream export format. */
export async function isStreamExport(file: string): Promise<boolean> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (!line.trim()) continue;
      try {
        return (JSON.parse(line) as { format?: unknown }).format === STREAM_EXPORT_FORMAT;
      } catch {
        return false;
      }
    }
    return false;
  } finally {
    lines.close();
  }
}

/** Verifies a stream export offline; 0 when it verified, 1 on a problem. */
export async function verifyStreamExportFile(
  file: string,
  keys: string | undefined,
  report: string | undefined,
  io: Io,
): Promise<number> {
  const trusted = keys
    ? { entries: await readKeyringFile(keys), description: `keyring file ${keys}` }
    : undefined;
  const result = await verifyStreamExport(file, trusted);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (report) await writeFile(report, json);
  io.stdout(json);
  const { counts, firstProblem } = result;
  io.stderr(
    `${result.ok ? 'OK' : 'PROBLEMS FOUND'}: ${result.source}\n` +
      `  ${counts.events} events in ${counts.streams} streams (${counts.disposedStreams} disposed), ` +
      `checkpoint ${result.checkpoint?.checkpointId ?? '-'} of ${result.checkpoint?.treeSize ?? 0} leaves, ` +
      `${counts.proofNodes} proof hashes\n  keys: ${result.trust.keys}\n` +
      (firstProblem ? `  first problem: ${firstProblem.code} ${firstProblem.message}\n` : ''),
  );
  return result.ok ? 0 : 1;
}

/** Downloads a stream export from a service's `GET /audit/export`, then verifies it offline. */
export async function fetchExport(
  command: Extract<Command, { name: 'fetch' }>,
  io: Io,
): Promise<number> {
  const token = command.token ?? process.env['EJOURNAL_AUDIT_TOKEN'];
  if (!token) throw new UsageError('fetch needs --token or EJOURNAL_AUDIT_TOKEN');
  const response = await fetch(command.url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) {
    throw new Error(`${command.url} answered ${response.status}: ${await response.text()}`);
  }
  await pipeline(
    Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]),
    createWriteStream(command.out, { flags: 'wx' }),
  );
  io.stderr(`downloaded ${command.url} to ${command.out}\n`);
  return verifyStreamExportFile(command.out, command.keys, command.report, io);
}
