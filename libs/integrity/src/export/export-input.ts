import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { FileFormatError } from '../errors';
import type {
  EventRecord,
  LeafRecord,
  Tombstone,
  VerificationInput,
} from '../verify/verification-input';
import { exportLineSchema, type ExportLine } from './export-format';

const bytes = (text: string | null, encoding: BufferEncoding) =>
  text === null ? null : Buffer.from(text, encoding);

async function* linesOf(file: string): AsyncGenerator<ExportLine> {
  let number = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const text of lines) {
    number += 1;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new FileFormatError(file, number, 'not JSON');
    }
    const parsed = exportLineSchema.safeParse(json);
    if (!parsed.success) throw new FileFormatError(file, number, parsed.error.message);
    yield parsed.data;
  }
}

async function* ofKind<K extends ExportLine['kind']>(file: string, kind: K) {
  for await (const line of linesOf(file)) {
    if (line.kind === kind) yield line as Extract<ExportLine, { kind: K }>;
  }
}

/** Lines of a kind written before the events, as `exportStore` writes them. */
async function collect<K extends ExportLine['kind']>(file: string, kind: K) {
  const found: Extract<ExportLine, { kind: K }>[] = [];
  for await (const line of linesOf(file)) {
    if (line.kind === 'event' || line.kind === 'leaf') break;
    if (line.kind === kind) found.push(line as Extract<ExportLine, { kind: K }>);
  }
  return found;
}

async function* batches<L, T>(lines: AsyncIterable<L>, decode: (line: L) => T) {
  let batch: T[] = [];
  for await (const line of lines) {
    batch.push(decode(line));
    if (batch.length === 1_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** An export written by `exportStore`, read back as the verifier's input (offline). */
export function exportInput(file: string): VerificationInput {
  const without = <T extends { kind: string }>({ kind: _kind, ...rest }: T) => rest;
  return {
    description: `export ${file}`,
    events: () =>
      batches(ofKind(file, 'event'), (line): EventRecord => {
        const { canonical, prevHash, hash, ...event } = without(line);
        return {
          ...event,
          canonical: bytes(canonical, 'base64'),
          prevHash: bytes(prevHash, 'hex'),
          hash: bytes(hash, 'hex'),
        };
      }),
    leaves: () =>
      batches(ofKind(file, 'leaf'), (line): LeafRecord => ({
        ...without(line),
        eventHash: Buffer.from(line.eventHash, 'hex'),
      })),
    checkpoints: async () => (await collect(file, 'checkpoint')).map(without),
    keys: async () => (await collect(file, 'key')).map(without),
    disposals: async (): Promise<Tombstone[]> =>
      (await collect(file, 'disposal')).map((line) => ({
        ...without(line),
        lastHash: bytes(line.lastHash, 'hex'),
      })),
    close: async () => undefined,
  };
}
