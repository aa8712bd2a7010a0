import { z } from 'zod';
import { signedCheckpointSchema } from '../publish/checkpoint-file';
import { publicKeyEntrySchema } from '../checkpoints/keyring';

export const EXPORT_FORMAT = 'ejournal-integrity-export/1';

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);
const decimal = z.string().regex(/^\d{1,20}$/);

/**
 * One line of an export. Bytes are base64 (canonical) or hex (hashes); positions and
 * transaction ids are decimal strings because they outgrow JavaScript numbers.
 */
export const exportLineSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('header'),
    format: z.literal(EXPORT_FORMAT),
    source: z.string(),
    exportedAt: z.iso.datetime(),
  }),
  publicKeyEntrySchema.extend({ kind: z.literal('key') }),
  signedCheckpointSchema.extend({ kind: z.literal('checkpoint') }),
  z.object({
    kind: z.literal('disposal'),
    streamId: z.string(),
    actReference: z.string(),
    disposedBy: z.string(),
    executedBy: z.string(),
    disposedAt: z.iso.datetime(),
    eventCount: z.number().int(),
    lastVersion: z.number().int(),
    lastHash: hex32.nullable(),
  }),
  z.object({
    kind: z.literal('event'),
    txId: decimal,
    position: decimal,
    streamId: z.string(),
    streamVersion: z.number().int(),
    eventId: z.string(),
    type: z.string(),
    recordedAt: z.iso.datetime(),
    canonical: z.base64().nullable(),
    prevHash: hex32.nullable(),
    hash: hex32.nullable(),
    leafIndex: z.number().int().nullable(),
  }),
  z.object({
    kind: z.literal('leaf'),
    leafIndex: z.number().int().nonnegative(),
    txId: decimal,
    position: decimal,
    streamId: z.string(),
    streamVersion: z.number().int(),
    eventHash: hex32,
  }),
]);

export type ExportLine = z.infer<typeof exportLineSchema>;
