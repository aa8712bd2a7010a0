import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { refDigest, sha256Hex } from '../document-ref';
import type {
  DocumentMeta,
  DocumentStore,
  DocumentVerification,
  StoredDocument,
} from '../document-store.port';
import { DocumentCorruptedError, DocumentNotFoundError } from '../errors';

const READ_ONLY = 0o444;

/**
 * Documents as read-only files named by their SHA-256 under `<root>/sha256/ab/cd/<hex>`.
 * A put writes and fsyncs a temp file in `<root>/tmp`, then hard-links it into place: `link`
 * never replaces an existing file, so a crash leaves either nothing or the whole file, and a
 * concurrent or repeated put of the same bytes finds the first one and checks it.
 */
export class FilesystemDocumentStore implements DocumentStore {
  constructor(readonly rootDir: string) {}

  async put(bytes: Uint8Array, _meta: DocumentMeta): Promise<StoredDocument> {
    const hex = sha256Hex(bytes);
    const ref = `sha256:${hex}`;
    const target = this.pathOf(hex);
    if (await exists(target)) return this.existing(ref, bytes.byteLength);

    const tmpDir = join(this.rootDir, 'tmp');
    const dir = join(target, '..');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(dir, { recursive: true });
    const tmp = join(tmpDir, `${hex}.${randomUUID()}`);
    const file = await open(
      tmp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      READ_ONLY,
    );
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await link(tmp, target);
    } catch (error) {
      if (code(error) !== 'EEXIST') throw error;
      return this.existing(ref, bytes.byteLength);
    } finally {
      await unlink(tmp);
    }
    await syncDir(dir);
    return { ref, size: bytes.byteLength };
  }

  async get(ref: string): Promise<Uint8Array> {
    const bytes = await this.read(ref);
    const actual = `sha256:${sha256Hex(bytes)}`;
    if (actual !== ref) throw new DocumentCorruptedError(ref, actual);
    return bytes;
  }

  async has(ref: string): Promise<boolean> {
    return exists(this.pathOf(refDigest(ref)));
  }

  async verify(ref: string): Promise<DocumentVerification> {
    const bytes = await this.read(ref);
    const actual = `sha256:${sha256Hex(bytes)}`;
    return actual === ref
      ? { ref, ok: true, size: bytes.byteLength }
      : { ref, ok: false, size: bytes.byteLength, actual };
  }

  /** The file a ref lives in (for operators and tests). */
  pathOf(hex: string): string {
    return join(this.rootDir, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  }

  private async read(ref: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(refDigest(ref))));
    } catch (error) {
      if (code(error) === 'ENOENT') throw new DocumentNotFoundError(ref);
      throw error;
    }
  }

  /** A repeated put: the stored file must hold these very bytes, or it was tampered with. */
  private async existing(ref: string, size: number): Promise<StoredDocument> {
    const verification = await this.verify(ref);
    if (!verification.ok) throw new DocumentCorruptedError(ref, verification.actual);
    return { ref, size };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (code(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Makes the new directory entry durable, not only the file's bytes. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
