import {
  checkpointBody,
  type CheckpointFields,
  type SignedCheckpoint,
} from '../checkpoints/checkpoint-format';
import {
  ED25519_TYPE,
  formatNote,
  formatVerifierKey,
  noteKeyHash,
  NoteFormatError,
  parseNote,
  type NoteSignature,
} from './signed-note';

/**
 * A checkpoint as a C2SP signed note: its signed body (unchanged, so every checkpoint ever
 * signed renders as a note), a blank line, the log's signature under the key name of the log
 * id (its origin), then the witnesses' cosignatures.
 */
export function checkpointNote(
  checkpoint: SignedCheckpoint,
  publicKey: Buffer,
  cosignatures: NoteSignature[] = [],
): string {
  const logSignature: NoteSignature = {
    name: checkpoint.logId,
    keyHash: noteKeyHash(checkpoint.logId, ED25519_TYPE, publicKey),
    signature: Buffer.from(checkpoint.signature, 'base64'),
  };
  return formatNote({
    text: checkpointBody(checkpoint).toString('utf8'),
    signatures: [logSignature, ...cosignatures],
  });
}

/** The log's verifier key, `<log id>+<key hash>+<base64(0x01 || key)>`. */
export function logVerifierKey(logId: string, publicKey: Buffer): string {
  return formatVerifierKey(logId, publicKey, ED25519_TYPE);
}

/** The fields of a checkpoint note body written by {@link checkpointBody}. */
export function parseCheckpointBody(text: string): CheckpointFields {
  const lines = text.split('\n');
  const [logId = '', size = '', root = '', time = '', key = '', end, ...extra] = lines;
  const rootHash = Buffer.from(root, 'base64');
  const wellFormed =
    /^(0|[1-9]\d{0,15})$/.test(size) &&
    rootHash.length === 32 &&
    rootHash.toString('base64') === root &&
    time.startsWith('time ') &&
    key.startsWith('key ') &&
    end === '' &&
    extra.length === 0;
  if (!wellFormed || !Number.isSafeInteger(Number(size))) {
    throw new NoteFormatError('Not an ejournal checkpoint body');
  }
  return {
    logId,
    treeSize: Number(size),
    rootHash: rootHash.toString('hex'),
    signedAt: time.slice('time '.length),
    keyId: key.slice('key '.length),
  };
}

/** A checkpoint note read back: the checkpoint (its log signature found by the log's key) and the rest. */
export function readCheckpointNote(
  note: string,
  logPublicKey: Buffer,
): { checkpoint: SignedCheckpoint; text: string; cosignatures: NoteSignature[] } {
  const { text, signatures } = parseNote(note);
  const fields = parseCheckpointBody(text);
  const keyHash = noteKeyHash(fields.logId, ED25519_TYPE, logPublicKey);
  const own = signatures.find((s) => s.name === fields.logId && s.keyHash === keyHash);
  if (!own) throw new NoteFormatError(`The note has no signature by ${fields.logId}'s key`);
  return {
    checkpoint: { ...fields, signature: own.signature.toString('base64') },
    text,
    cosignatures: signatures.filter((s) => s !== own),
  };
}
