import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { FileFormatError } from '../errors';

export const signedCheckpointSchema = z.object({
  checkpointId: z.string().regex(/^\d+$/).optional(),
  logId: z.string().min(1),
  treeSize: z.number().int().nonnegative(),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.iso.datetime(),
  keyId: z.string().min(1),
  signature: z.string().min(1),
  note: z.string().min(1).optional(),
});

export function parseCheckpointLine(
  line: string,
  file: string,
  lineNumber: number,
): SignedCheckpoint {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new FileFormatError(file, lineNumber, 'not JSON');
  }
  const parsed = signedCheckpointSchema.safeParse(json);
  if (!parsed.success) throw new FileFormatError(file, lineNumber, parsed.error.message);
  return parsed.data;
}

/** The checkpoints of a file written by {@link NdjsonFilePublisher}, in file order. */
export async function readCheckpointFile(file: string): Promise<SignedCheckpoint[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  return lines.flatMap((line, i) => (line.trim() ? [parseCheckpointLine(line, file, i + 1)] : []));
}
