import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 of a high-entropy secret: enough for random tokens, unlike for passwords. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** 256 random bits, base64url: refresh tokens and service-account secrets. */
export const randomToken = () => randomBytes(32).toString('base64url');

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 60 random bits as `XXXX-XXXX-XXXX` in Crockford base32: printed on a letter, typed by hand. */
export function oneTimeCode(): string {
  const bytes = randomBytes(12);
  const chars = Array.from(bytes, (byte) => CROCKFORD[byte & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** What people type: any case, with or without dashes, O for 0, I and L for 1. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
