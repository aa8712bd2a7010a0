import { createHash } from 'node:crypto';
import {
  ChecksumMode,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { refDigest, sha256Hex } from '../document-ref';
import type {
  DocumentMeta,
  DocumentStore,
  DocumentVerification,
  StoredDocument,
} from '../document-store.port';
import { DocumentCorruptedError, DocumentNotFoundError } from '../errors';
import { assertObjectLock, ensureLockedBucket, type ObjectLockMode } from './s3-bucket';
import { isNotFound, isPreconditionFailed } from './s3-errors';

export interface S3DocumentStoreOptions {
  client: S3Client;
  /** A bucket created with object lock enabled (`ensureLockedBucket`). */
  bucket: string;
  lockMode: ObjectLockMode;
  /** Key prefix, e.g. `archive/`; keys are `<prefix>sha256/<hex>`. */
  prefix?: string;
}

/**
 * Documents as S3 objects under their SHA-256, written once with object lock (WORM). A put
 * sends `x-amz-checksum-sha256` and Content-MD5 (the server refuses bytes damaged on the way;
 * S3 requires an integrity header on a put with a lock) and `If-None-Match: *`, so an object
 * already there is never rewritten, even by a concurrent put; a later `retainUntil` lengthens
 * the existing lock (a lock can only ever be lengthened). Reads check the bytes against the
 * ref and, should someone have put other bytes or a delete marker over a key, find the locked
 * version that still holds the document.
 */
export class S3DocumentStore implements DocumentStore {
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly lockMode: ObjectLockMode;
  private readonly prefix: string;

  constructor(options: S3DocumentStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.lockMode = options.lockMode;
    this.prefix = options.prefix ?? '';
  }

  /** Fails with `DOCUMENT_STORE.MISCONFIGURED` unless the bucket has object lock enabled. */
  assertObjectLock(): Promise<void> {
    return assertObjectLock(this.client, this.bucket);
  }

  /** Creates the bucket with object lock if it is missing (local set-ups), then checks it. */
  ensureLockedBucket(): Promise<void> {
    return ensureLockedBucket(this.client, this.bucket);
  }

  async put(bytes: Uint8Array, meta: DocumentMeta): Promise<StoredDocument> {
    const digest = createHash('sha256').update(bytes).digest();
    const ref = `sha256:${digest.toString('hex')}`;
    const key = this.keyOf(digest.toString('hex'));
    const existing = await this.head(key);
    if (existing) return this.existing(ref, key, bytes.byteLength, existing, meta.retainUntil);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentType: meta.contentType,
          ContentLength: bytes.byteLength,
          ChecksumSHA256: digest.toString('base64'),
          ContentMD5: createHash('md5').update(bytes).digest('base64'),
          IfNoneMatch: '*',
          ...(meta.retainUntil && {
            ObjectLockMode: this.lockMode,
            ObjectLockRetainUntilDate: meta.retainUntil,
          }),
        }),
      );
    } catch (error) {
      if (!isPreconditionFailed(error)) throw error;
      // Another put won the race, or the key's latest version is a delete marker over ours.
      const raced = await this.head(key);
      if (raced) return this.existing(ref, key, bytes.byteLength, raced, meta.retainUntil);
      if ((await this.verify(ref)).ok) return { ref, size: bytes.byteLength };
      throw error;
    }
    return { ref, size: bytes.byteLength };
  }

  async get(ref: string): Promise<Uint8Array> {
    const bytes = await this.read(ref);
    const actual = `sha256:${sha256Hex(bytes)}`;
    if (actual !== ref) throw new DocumentCorruptedError(ref, actual);
    return bytes;
  }

  async has(ref: string): Promise<boolean> {
    const key = this.keyOf(refDigest(ref));
    if (await this.head(key)) return true;
    return (await this.versionsOf(key)).length > 0;
  }

  async verify(ref: string): Promise<DocumentVerification> {
    const bytes = await this.read(ref);
    const actual = `sha256:${sha256Hex(bytes)}`;
    return actual === ref
      ? { ref, ok: true, size: bytes.byteLength }
      : { ref, ok: false, size: bytes.byteLength, actual };
  }

  /** The object key of a digest (for operators and tests). */
  keyOf(hex: string): string {
    return `${this.prefix}sha256/${hex}`;
  }

  /** The current version's bytes if they match; else an older version that does; else what is there. */
  private async read(ref: string): Promise<Uint8Array> {
    const hex = refDigest(ref);
    const key = this.keyOf(hex);
    const latest = await this.fetch(key);
    if (latest && sha256Hex(latest.bytes) === hex) return latest.bytes;
    for (const versionId of await this.versionsOf(key)) {
      if (versionId === latest?.versionId) continue;
      const older = await this.fetch(key, versionId);
      if (older && sha256Hex(older.bytes) === hex) return older.bytes;
    }
    if (latest) return latest.bytes;
    throw new DocumentNotFoundError(ref);
  }

  private async fetch(
    key: string,
    versionId?: string,
  ): Promise<{ bytes: Uint8Array; versionId: string | undefined } | undefined> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          VersionId: versionId,
          ChecksumMode: ChecksumMode.ENABLED,
        }),
      );
      if (!answer.Body) return undefined;
      return { bytes: await answer.Body.transformToByteArray(), versionId: answer.VersionId };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Version ids of the key's objects (delete markers left out), newest first. */
  private async versionsOf(key: string): Promise<string[]> {
    const answer = await this.client.send(
      new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: key }),
    );
    return (answer.Versions ?? [])
      .filter((version) => version.Key === key && version.VersionId)
      .map((version) => version.VersionId as string);
  }

  private async head(key: string): Promise<ObjectHead | undefined> {
    try {
      const answer = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      return {
        size: answer.ContentLength,
        versionId: answer.VersionId,
        retainUntil: answer.ObjectLockRetainUntilDate,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * A repeated put: the key holds these bytes (lengthen the lock if asked for), or other bytes
   * were put over it and a locked older version still holds them, or it is an incident.
   */
  private async existing(
    ref: string,
    key: string,
    size: number,
    head: ObjectHead,
    retainUntil: Date | undefined,
  ): Promise<StoredDocument> {
    if (head.size !== undefined && head.size !== size) {
      const verification = await this.verify(ref);
      if (verification.ok) return { ref, size };
      throw new DocumentCorruptedError(ref, verification.actual);
    }
    if (retainUntil && !lockedUntil(head, retainUntil)) {
      try {
        await this.client.send(
          new PutObjectRetentionCommand({
            Bucket: this.bucket,
            Key: key,
            VersionId: head.versionId,
            Retention: { Mode: this.lockMode, RetainUntilDate: retainUntil },
          }),
        );
      } catch (error) {
        // A concurrent put lengthened it first: the server refuses to shorten that lock.
        const now = await this.head(key);
        if (!now || !lockedUntil(now, retainUntil)) throw error;
      }
    }
    return { ref, size };
  }
}

/** S3 keeps retention dates to the second: compare them so, or every put would "lengthen". */
function lockedUntil(head: ObjectHead, retainUntil: Date): boolean {
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  return head.retainUntil !== undefined && seconds(head.retainUntil) >= seconds(retainUntil);
}

interface ObjectHead {
  size: number | undefined;
  versionId: string | undefined;
  retainUntil: Date | undefined;
}
