import { readFile } from 'node:fs/promises';
import { FileFormatError } from '../errors';
import { keyringFileSchema, type PublicKeyEntry } from './keyring';

/** `keys.json` (`{"keys":[...]}`), as `ejournal-verify keys` writes it. */
export async function readKeyringFile(file: string): Promise<PublicKeyEntry[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new FileFormatError(file, 1, (error as Error).message);
  }
  const parsed = keyringFileSchema.safeParse(json);
  if (!parsed.success) throw new FileFormatError(file, 1, parsed.error.message);
  return parsed.data.keys;
}
