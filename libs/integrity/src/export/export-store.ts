import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { VerificationInput } from '../verify/verification-input';
import { EXPORT_FORMAT, type ExportLine } from './export-format';

const hexOrNull = (bytes: Buffer | null) => bytes?.toString('hex') ?? null;

/**
 * Writes a store as NDJSON an auditor can verify offline with the public keys alone: header,
 * keys, checkpoints, disposal tombstones, every event with its exact hashed bytes, hashes and
 * leaf index, then every leaf. Give it a source that reads one snapshot (`databaseInput` with
 * `leafIndexes`); it is closed at the end.
 */
export async function exportStore(
  input: VerificationInput,
  out: Writable,
  clock: () => Date = () => new Date(),
): Promise<{ events: number; leaves: number }> {
  const write = async (line: ExportLine) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  const counts = { events: 0, leaves: 0 };
  try {
    const exportedAt = clock().toISOString();
    await write({ kind: 'header', format: EXPORT_FORMAT, source: input.description, exportedAt });
    for (const key of await input.keys()) await write({ kind: 'key', ...key });
    for (const checkpoint of await input.checkpoints())
      await write({ kind: 'checkpoint', ...checkpoint });
    for (const tombstone of await input.disposals()) {
      await write({ kind: 'disposal', ...tombstone, lastHash: hexOrNull(tombstone.lastHash) });
    }
    for await (const events of input.events()) {
      for (const event of events) {
        counts.events += 1;
        await write({
          kind: 'event',
          ...event,
          canonical: event.canonical?.toString('base64') ?? null,
          prevHash: hexOrNull(event.prevHash),
          hash: hexOrNull(event.hash),
          leafIndex: event.leafIndex ?? null,
        });
      }
    }
    for await (const leaves of input.leaves()) {
      for (const leaf of leaves) {
        counts.leaves += 1;
        await write({ kind: 'leaf', ...leaf, eventHash: leaf.eventHash.toString('hex') });
      }
    }
  } finally {
    await input.close();
  }
  return counts;
}
