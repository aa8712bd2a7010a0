import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@ejournal/config';
import { z } from 'zod';
import { documentRef } from '../document-ref';
import { documentStoreEnv, openDocumentStore } from '../document-store-env';
import { DocumentCorruptedError, DocumentNotFoundError, InvalidDocumentRefError } from '../errors';
import { FilesystemDocumentStore } from './filesystem-document-store';

const pdf = { contentType: 'application/pdf' };
const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('FilesystemDocumentStore (real files)', () => {
  let root: string;
  let store: FilesystemDocumentStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'document-store-test-'));
    store = new FilesystemDocumentStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores bytes under their sha256 in fan-out directories, read-only, and reads them back', async () => {
    const bytes = bytesOf('%PDF-1.7 журнал 5А');
    const stored = await store.put(bytes, pdf);

    expect(stored).toEqual({ ref: documentRef(bytes), size: bytes.byteLength });
    const hex = stored.ref.slice('sha256:'.length);
    const file = join(root, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
    expect(store.pathOf(hex)).toBe(file);
    expect((await stat(file)).mode & 0o777).toBe(0o444);
    expect(Buffer.from(await store.get(stored.ref)).toString()).toBe('%PDF-1.7 журнал 5А');
    await expect(store.has(stored.ref)).resolves.toBe(true);
    await expect(store.verify(stored.ref)).resolves.toEqual({
      ref: stored.ref,
      ok: true,
      size: bytes.byteLength,
    });
  });

  it('is idempotent: the same bytes put twice, even at once, give one file and one ref', async () => {
    const bytes = bytesOf('summary sheet 2026');
    const [a, b, c] = await Promise.all([
      store.put(bytes, pdf),
      store.put(bytes, pdf),
      store.put(bytes, { contentType: 'application/octet-stream' }),
    ]);

    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const hex = a.ref.slice('sha256:'.length);
    expect(await readdir(join(root, 'sha256', hex.slice(0, 2), hex.slice(2, 4)))).toEqual([hex]);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('answers not found with a stable code, and refuses a malformed ref', async () => {
    const missing = documentRef(bytesOf('never stored'));

    await expect(store.has(missing)).resolves.toBe(false);
    await expect(store.get(missing)).rejects.toBeInstanceOf(DocumentNotFoundError);
    await expect(store.get(missing)).rejects.toMatchObject({ code: 'DOCUMENT_STORE.NOT_FOUND' });
    await expect(store.get('sha256:../../etc/passwd')).rejects.toBeInstanceOf(
      InvalidDocumentRefError,
    );
    await expect(store.has('md5:abc')).rejects.toMatchObject({
      code: 'DOCUMENT_STORE.INVALID_REF',
    });
  });

  it('openDocumentStore creates the configured root at start-up', async () => {
    const dir = join(root, 'nested', 'documents');
    const opened = await openDocumentStore(
      loadConfig(z.object(documentStoreEnv), { DOCUMENT_STORE_DIR: dir }),
    );

    expect(opened).toBeInstanceOf(FilesystemDocumentStore);
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  it('detects a tampered file on read, on verify and on a repeated put', async () => {
    const bytes = bytesOf('final marks: 5 5 4');
    const { ref } = await store.put(bytes, pdf);
    const file = store.pathOf(ref.slice('sha256:'.length));
    await chmod(file, 0o644);
    await writeFile(file, 'final marks: 5 5 5');

    await expect(store.get(ref)).rejects.toBeInstanceOf(DocumentCorruptedError);
    await expect(store.get(ref)).rejects.toMatchObject({
      code: 'DOCUMENT_STORE.CONTENT_MISMATCH',
      actual: documentRef(bytesOf('final marks: 5 5 5')),
    });
    await expect(store.verify(ref)).resolves.toMatchObject({ ok: false });
    await expect(store.put(bytes, pdf)).rejects.toBeInstanceOf(DocumentCorruptedError);
  });
});
