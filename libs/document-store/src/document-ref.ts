import { createHash } from 'node:crypto';
import { InvalidDocumentRefError } from './errors';

const REF = /^sha256:([0-9a-f]{64})$/;

/** The ref of these bytes: `sha256:<64 lowercase hex>`. */
export function documentRef(bytes: Uint8Array): string {
  return `sha256:${sha256Hex(bytes)}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The hex digest of a well-formed ref; anything else is `InvalidDocumentRefError`. */
export function refDigest(ref: string): string {
  const match = typeof ref === 'string' ? REF.exec(ref) : null;
  if (!match?.[1]) throw new InvalidDocumentRefError(ref);
  return match[1];
}

export function isDocumentRef(value: unknown): value is string {
  return typeof value === 'string' && REF.test(value);
}
