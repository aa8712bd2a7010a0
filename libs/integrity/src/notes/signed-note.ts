import { createHash, verify, type KeyObject } from 'node:crypto';
import { publicKeyObject } from '../checkpoints/signing-key';
import { keyNameProblem } from './key-name';

/** C2SP signed-note signature types (the byte before the key in a verifier key). */
export const ED25519_TYPE = 0x01;
export const COSIGNATURE_V1_TYPE = 0x04;

/** One signature line of a note: `— <name> <base64(key hash || signature)>`. */
export interface NoteSignature {
  name: string;
  /** The 4-byte key hash, as an unsigned 32-bit number. */
  keyHash: number;
  /** The signature bytes after the key hash. */
  signature: Buffer;
}

export interface SignedNote {
  /** The signed text, ending with a newline. */
  text: string;
  signatures: NoteSignature[];
}

/** A parsed `<name>+<hex key hash>+<base64(type || public key)>` verifier key. */
export interface VerifierKey {
  name: string;
  keyHash: number;
  type: number;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
  /** As written. */
  text: string;
}

const EM_DASH = '\u2014';

export class NoteFormatError extends Error {
  readonly code = 'INTEGRITY.NOTE_FORMAT';

  constructor(message: string) {
    super(message);
    this.name = 'NoteFormatError';
  }
}

/** First 4 bytes of SHA-256(name || "\n" || type || public key), big-endian. */
export function noteKeyHash(name: string, type: number, publicKey: Buffer): number {
  const digest = createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.from([type]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** The verifier key of an Ed25519 (type 0x01) or cosignature/v1 (type 0x04) signer. */
export function formatVerifierKey(name: string, publicKey: Buffer, type = ED25519_TYPE): string {
  const problem = keyNameProblem(name);
  if (problem) throw new NoteFormatError(`Key name ${JSON.stringify(name)} ${problem}`);
  if (publicKey.length !== 32) throw new NoteFormatError('An Ed25519 public key has 32 bytes');
  const hash = noteKeyHash(name, type, publicKey).toString(16).padStart(8, '0');
  return `${name}+${hash}+${Buffer.concat([Buffer.from([type]), publicKey]).toString('base64')}`;
}

export function parseVerifierKey(text: string): VerifierKey {
  const parts = text.trim().split('+');
  // The base64 part may hold '+' itself: the name and hash are the first two fields.
  const [name = '', hex = '', ...rest] = parts;
  const encoded = rest.join('+');
  const problem = keyNameProblem(name);
  if (problem) throw new NoteFormatError(`Verifier key name ${problem}`);
  if (!/^[0-9a-f]{8}$/.test(hex))
    throw new NoteFormatError('Verifier key hash is not 8 hex digits');
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.toString('base64') !== encoded || bytes.length !== 33) {
    throw new NoteFormatError('Verifier key is not base64 of a type byte and 32 key bytes');
  }
  const type = bytes[0] as number;
  if (type !== ED25519_TYPE && type !== COSIGNATURE_V1_TYPE) {
    throw new NoteFormatError(`Verifier key type 0x${type.toString(16)} is not supported`);
  }
  const publicKey = bytes.subarray(1);
  const keyHash = Number.parseInt(hex, 16);
  if (noteKeyHash(name, type, publicKey) !== keyHash) {
    throw new NoteFormatError('Verifier key hash does not match its name and key');
  }
  return { name, keyHash, type, publicKey, text: text.trim() };
}

export function formatSignatureLine({ name, keyHash, signature }: NoteSignature): string {
  const hash = Buffer.alloc(4);
  hash.writeUInt32BE(keyHash, 0);
  return `${EM_DASH} ${name} ${Buffer.concat([hash, signature]).toString('base64')}\n`;
}

/** The text, a blank line, one line per signature. */
export function formatNote(note: SignedNote): string {
  if (!note.text.endsWith('\n')) throw new NoteFormatError('A note text ends with a newline');
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

/** Signature lines as a witness answers them (each ending with a newline). */
export function parseSignatureLines(lines: string): NoteSignature[] {
  if (!lines.endsWith('\n')) throw new NoteFormatError('Signature lines end with a newline');
  return lines
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
      if (!match) throw new NoteFormatError(`Not a signature line: ${JSON.stringify(line)}`);
      const bytes = Buffer.from(match[2] as string, 'base64');
      if (bytes.length < 5 || bytes.toString('base64') !== match[2]) {
        throw new NoteFormatError('A signature is base64 of a key hash and signature bytes');
      }
      return {
        name: match[1] as string,
        keyHash: bytes.readUInt32BE(0),
        signature: bytes.subarray(4),
      };
    });
}

/** Splits a note at its last blank line into text and signatures. */
export function parseNote(note: string): SignedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteFormatError('A note has a blank line before its signatures');
  const text = note.slice(0, split + 1);
  if (/[\p{Cc}]/u.test(text.replaceAll('\n', ''))) {
    throw new NoteFormatError('A note text holds no control characters');
  }
  return { text, signatures: parseSignatureLines(note.slice(split + 2)) };
}

/** Does `signature` (an Ed25519 note signature) verify the text under the key? */
export function ed25519NoteSignatureValid(
  text: string,
  signature: NoteSignature,
  key: VerifierKey,
): boolean {
  if (key.type !== ED25519_TYPE || !matches(signature, key)) return false;
  return verifySafely(
    Buffer.from(text, 'utf8'),
    signature.signature,
    publicKeyObject(key.publicKey),
  );
}

export function matches(signature: NoteSignature, key: VerifierKey): boolean {
  return signature.name === key.name && signature.keyHash === key.keyHash;
}

export function verifySafely(message: Buffer, signature: Buffer, key: KeyObject): boolean {
  try {
    return signature.length === 64 && verify(null, message, key, signature);
  } catch {
    return false;
  }
}
