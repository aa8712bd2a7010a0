import { z } from 'zod';
import { instant } from '../envelope/field-schemas';

/** Where every store's signed checkpoints are published; the archive keeps and checks them. */
export const INTEGRITY_CHECKPOINTS_TOPIC = 'ejournal.integrity.checkpoints.v1';

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256');
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');
const oneWord = z.string().regex(/^\S{1,200}$/, 'must be one word');
const checkpointId = z.string().regex(/^\d{1,19}$/, 'must be a decimal id');

/**
 * One signed checkpoint of a store's Merkle log (libs/integrity), keyed by `logId`, with the
 * RFC 9162 consistency proof from the checkpoint the store signed before it. A receiver that
 * kept that one checks the proof against its own copy, so it needs no access to the store.
 */
export const IntegrityCheckpointV1 = z
  .strictObject({
    schemaVersion: z.literal(1),
    /** The service whose store this is (`identity`, `journal`, `archive`). */
    service: oneWord,
    /** The log's permanent name, the first line of the signed note. */
    logId: oneWord,
    /** The store's id of this checkpoint: increasing per log, not necessarily contiguous. */
    checkpointId,
    treeSize: z.number().int().nonnegative(),
    rootHash: hash,
    signedAt: instant,
    keyId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
    /** The raw 32-byte Ed25519 public key of `keyId`, base64: a hint, never a trust anchor. */
    publicKey: base64,
    /** Ed25519 over the C2SP checkpoint note body (see libs/integrity), base64. */
    signature: base64,
    /** From the store's previous checkpoint to this one; null for a log's first checkpoint. */
    consistency: z
      .strictObject({
        fromCheckpointId: checkpointId,
        fromTreeSize: z.number().int().nonnegative(),
        fromRootHash: hash,
        /** RFC 9162 §2.1.4.1 proof nodes, hex. */
        proof: z.array(hash),
      })
      .nullable(),
    /**
     * The checkpoint as a C2SP signed note (c2sp.org/signed-note, c2sp.org/tlog-checkpoint):
     * the signed body, a blank line, the log's signature line under the key name `logId`, then
     * each witness's cosignature line (c2sp.org/tlog-cosignature). Absent from older messages.
     */
    note: z
      .string()
      .min(1)
      .max(65_536)
      .meta({
        description:
          'C2SP signed note: the signed body, a blank line, "— <logId> <base64(key hash || ' +
          'Ed25519 signature)>", then one cosignature/v1 line per witness that cosigned',
      })
      .optional(),
    /** The log's note verifier key, `<logId>+<8 hex key hash>+<base64(0x01 || publicKey)>`. */
    logVerifierKey: z
      .string()
      .min(1)
      .max(1_000)
      .meta({
        description:
          'The log key in C2SP signed-note form, <logId>+<8 hex key hash>+<base64(0x01 || ' +
          'public key)>; the archive serves all of them at /.well-known/ejournal/checkpoint-keys',
      })
      .optional(),
    /** What the configured witnesses (c2sp.org/tlog-witness) answered to this checkpoint. */
    witnesses: z
      .strictObject({
        /** Cosignatures that make the checkpoint witnessed. */
        quorum: z.number().int().nonnegative(),
        /** Key names of the witnesses whose cosignature the note carries. */
        cosignedBy: z.array(z.string().min(1)),
        /** Witnesses that refused it: inconsistent with what they cosigned before, or unknown. */
        refusals: z.array(
          z.strictObject({
            witness: z.string().min(1),
            status: z.number().int(),
            detail: z.string(),
            refusedAt: instant,
          }),
        ),
      })
      .optional(),
  })
  .meta({ title: 'IntegrityCheckpoint.v1' });

export type IntegrityCheckpoint = z.infer<typeof IntegrityCheckpointV1>;

/** The published JSON Schemas of the integrity messages, keyed like the event schemas. */
export function integrityJsonSchemas(): Record<string, object> {
  return { 'IntegrityCheckpoint.v1': z.toJSONSchema(IntegrityCheckpointV1) };
}
