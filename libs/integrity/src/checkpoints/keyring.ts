import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { publicKeyObject } from './signing-key';

/** A public key that signed checkpoints, listed for as long as the records it vouches for. */
export interface PublicKeyEntry {
  keyId: string;
  algorithm: 'Ed25519';
  /** Base64 of the raw 32-byte public key. */
  publicKey: string;
  /** ISO-8601; the key may sign from this instant ... */
  validFrom: string;
  /** ... until the next key's `validFrom`; null while it is the current key. */
  validTo: string | null;
}

export const publicKeyEntrySchema = z.object({
  keyId: z.string().min(1),
  algorithm: z.literal('Ed25519'),
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of 32 bytes'),
  validFrom: z.iso.datetime(),
  validTo: z.iso.datetime().nullable(),
});

/** `keys.json`: what an auditor keeps, from a channel other than the database. */
export const keyringFileSchema = z.object({ keys: z.array(publicKeyEntrySchema) });

/** Keys by id with their Node key objects, and whether they may have signed at an instant. */
export class Keyring {
  private readonly byId: Map<string, { entry: PublicKeyEntry; key: KeyObject }>;

  constructor(readonly entries: PublicKeyEntry[]) {
    this.byId = new Map(
      entries.map((entry) => [
        entry.keyId,
        { entry, key: publicKeyObject(Buffer.from(entry.publicKey, 'base64')) },
      ]),
    );
  }

  key(keyId: string): KeyObject | undefined {
    return this.byId.get(keyId)?.key;
  }

  validAt(keyId: string, instant: string): boolean {
    const found = this.byId.get(keyId)?.entry;
    if (!found) return false;
    const at = Date.parse(instant);
    const to = found.validTo === null ? Infinity : Date.parse(found.validTo);
    return at >= Date.parse(found.validFrom) && at < to;
  }
}

/** Each key's validity ends where the next registered key's begins. */
export function withValidity(keys: Omit<PublicKeyEntry, 'validTo'>[]): PublicKeyEntry[] {
  const sorted = [...keys].sort((a, b) => Date.parse(a.validFrom) - Date.parse(b.validFrom));
  return sorted.map((key, i) => ({ ...key, validTo: sorted[i + 1]?.validFrom ?? null }));
}
