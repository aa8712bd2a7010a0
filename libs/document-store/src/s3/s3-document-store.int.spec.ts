import { createHash } from 'node:crypto';
import {
  ChecksumMode,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { loadConfig } from '@ejournal/config';
import { z } from 'zod';
import { documentRef } from '../document-ref';
import { documentStoreEnv, openDocumentStore } from '../document-store-env';
import { DocumentNotFoundError, DocumentStoreConfigError } from '../errors';
import { assertObjectLock, ensureLockedBucket } from './s3-bucket';
import { S3DocumentStore } from './s3-document-store';
import { removeTestBucket, testBucketName, testS3, testS3Client } from './s3-test-server';

const pdf = { contentType: 'application/pdf' };
const bytesOf = (text: string) => new TextEncoder().encode(text);
const inADay = () => new Date(Date.now() + 24 * 3600_000);
/** The server's refusal, as the SDK reports it: S3 error code and HTTP status. */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: { name: string; $metadata?: { httpStatusCode?: number } }) =>
      `${error.name} ${error.$metadata?.httpStatusCode}`,
  );

describe('S3DocumentStore (versitygw, a real S3-compatible server with object lock)', () => {
  let client: S3Client;
  const buckets: string[] = [];
  const lockedBucket = async (label: string) => {
    const bucket = testBucketName(label);
    buckets.push(bucket);
    await ensureLockedBucket(client, bucket);
    return bucket;
  };

  beforeAll(async () => {
    client = await testS3Client();
  });
  afterAll(async () => {
    await Promise.all(buckets.map(removeTestBucket));
    client?.destroy();
  });

  it('creates the bucket with object lock and versioning, and refuses a bucket without', async () => {
    const bucket = await lockedBucket('lock');
    const lock = await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    const versioning = await client.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    expect(lock.ObjectLockConfiguration?.ObjectLockEnabled).toBe('Enabled');
    expect(versioning.Status).toBe('Enabled');
    await expect(ensureLockedBucket(client, bucket)).resolves.toBeUndefined();

    const plain = testBucketName('plain');
    buckets.push(plain);
    await client.send(new CreateBucketCommand({ Bucket: plain }));
    await expect(assertObjectLock(client, plain)).rejects.toBeInstanceOf(DocumentStoreConfigError);
    await expect(assertObjectLock(client, testBucketName('absent'))).rejects.toMatchObject({
      code: 'DOCUMENT_STORE.MISCONFIGURED',
    });
  });

  it('openDocumentStore checks the bucket at start-up, creating it only when told to', async () => {
    const bucket = testBucketName('open');
    buckets.push(bucket);
    const config = loadConfig(z.object(documentStoreEnv), {
      DOCUMENT_STORE: 's3',
      S3_ENDPOINT: testS3.endpoint,
      S3_REGION: testS3.region,
      S3_ACCESS_KEY_ID: testS3.accessKeyId,
      S3_SECRET_ACCESS_KEY: testS3.secretAccessKey,
      S3_BUCKET: bucket,
    });

    await expect(openDocumentStore(config)).rejects.toMatchObject({
      code: 'DOCUMENT_STORE.MISCONFIGURED',
    });
    const store = await openDocumentStore({ ...config, S3_CREATE_BUCKET: true });
    const lock = await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    expect(lock.ObjectLockConfiguration?.ObjectLockEnabled).toBe('Enabled');
    const { ref } = await store.put(bytesOf('opened'), pdf);
    await expect(store.has(ref)).resolves.toBe(true);
  });

  it('puts under the sha256 key with its checksum and lock, gets, has and verifies', async () => {
    const bucket = await lockedBucket('put');
    const store = new S3DocumentStore({ client, bucket, lockMode: 'COMPLIANCE', prefix: 'docs/' });
    const bytes = bytesOf('%PDF-1.7 сводная ведомость 9Б');
    const retainUntil = inADay();

    const stored = await store.put(bytes, { ...pdf, retainUntil });

    expect(stored).toEqual({ ref: documentRef(bytes), size: bytes.byteLength });
    const key = `docs/sha256/${stored.ref.slice('sha256:'.length)}`;
    const object = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: ChecksumMode.ENABLED }),
    );
    expect(object.ChecksumSHA256).toBe(createHash('sha256').update(bytes).digest('base64'));
    expect(object.ContentType).toBe('application/pdf');
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ObjectLockMode).toBe('COMPLIANCE');
    expect(head.ObjectLockRetainUntilDate?.getTime()).toBe(
      Math.floor(retainUntil.getTime() / 1000) * 1000,
    );
    expect(Buffer.from(await store.get(stored.ref)).toString()).toBe(
      '%PDF-1.7 сводная ведомость 9Б',
    );
    await expect(store.has(stored.ref)).resolves.toBe(true);
    await expect(store.verify(stored.ref)).resolves.toMatchObject({ ok: true });

    const missing = documentRef(bytesOf('never stored'));
    await expect(store.has(missing)).resolves.toBe(false);
    await expect(store.get(missing)).rejects.toBeInstanceOf(DocumentNotFoundError);
  });

  it('the server checks the integrity headers a put sends: damaged bytes are refused', async () => {
    const bucket = await lockedBucket('digest');
    const sent = bytesOf('the bytes that were signed');
    const damaged = bytesOf('the bytes that were signeD');
    const put = (headers: { ChecksumSHA256?: string; ContentMD5?: string }) =>
      refusal(
        client.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: damaged, ...headers })),
      );

    await expect(
      put({ ChecksumSHA256: createHash('sha256').update(sent).digest('base64') }),
    ).resolves.toMatch(/^(BadDigest|XAmzContentChecksumMismatch|InvalidDigest) 400$/);
    await expect(
      put({ ContentMD5: createHash('md5').update(sent).digest('base64') }),
    ).resolves.toMatch(/^(BadDigest|InvalidDigest) 400$/);
    const versions = await client.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    expect(versions.Versions ?? []).toHaveLength(0);
  });

  it('is idempotent: repeated and concurrent puts leave one version; a later date lengthens the lock', async () => {
    const bucket = await lockedBucket('idem');
    const store = new S3DocumentStore({ client, bucket, lockMode: 'COMPLIANCE' });
    const bytes = bytesOf('journal 7A, 2026/2027');
    const [first, ...raced] = await Promise.all(
      [1, 2, 3].map(() => store.put(bytes, { ...pdf, retainUntil: inADay() })),
    );

    const again = [...raced, await store.put(bytes, pdf)];
    const later = new Date(Date.now() + 48 * 3600_000);
    await store.put(bytes, { ...pdf, retainUntil: later });

    expect(first).toEqual({ ref: documentRef(bytes), size: bytes.byteLength });
    expect(again).toEqual([first, first, first]);
    const versions = await client.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    expect(versions.Versions).toHaveLength(1);
    const Key = store.keyOf(documentRef(bytes).slice('sha256:'.length));
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));
    expect(head.ObjectLockRetainUntilDate?.getTime()).toBe(
      Math.floor(later.getTime() / 1000) * 1000,
    );
  });

  it('a COMPLIANCE-locked document cannot be deleted, shortened or overwritten before its date', async () => {
    const bucket = await lockedBucket('worm');
    const store = new S3DocumentStore({ client, bucket, lockMode: 'COMPLIANCE' });
    const bytes = bytesOf('signed summary sheet');
    const { ref } = await store.put(bytes, { ...pdf, retainUntil: inADay() });
    const Key = store.keyOf(ref.slice('sha256:'.length));
    const { VersionId } = await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));

    const remove = () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key, VersionId }));
    await expect(refusal(remove())).resolves.toBe('AccessDenied 403');
    await expect(
      refusal(
        client.send(
          new DeleteObjectCommand({
            Bucket: bucket,
            Key,
            VersionId,
            BypassGovernanceRetention: true,
          }),
        ),
      ),
    ).resolves.toBe('AccessDenied 403');
    await expect(
      refusal(
        client.send(
          new PutObjectRetentionCommand({
            Bucket: bucket,
            Key,
            VersionId,
            Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 60_000) },
          }),
        ),
      ),
    ).resolves.toBe('AccessDenied 403');
    await expect(
      refusal(
        client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x', IfNoneMatch: '*' })),
      ),
    ).resolves.toBe('PreconditionFailed 412');

    // A plain PUT over the key, then a delete marker, only stack versions on top.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'forged marks' }));
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    await expect(refusal(remove())).resolves.toBe('AccessDenied 403');
    await expect(store.has(ref)).resolves.toBe(true);
    expect(Buffer.from(await store.get(ref)).toString()).toBe('signed summary sheet');
    await expect(store.put(bytes, pdf)).resolves.toEqual({ ref, size: bytes.byteLength });
  });

  it('GOVERNANCE mode: refused without the bypass, removable by a principal allowed to bypass', async () => {
    const bucket = await lockedBucket('gov');
    const store = new S3DocumentStore({ client, bucket, lockMode: 'GOVERNANCE' });
    const { ref } = await store.put(bytesOf('draft act'), { ...pdf, retainUntil: inADay() });
    const Key = store.keyOf(ref.slice('sha256:'.length));
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));
    expect(head.ObjectLockMode).toBe('GOVERNANCE');

    const remove = (bypass: boolean) =>
      client.send(
        new DeleteObjectCommand({
          Bucket: bucket,
          Key,
          VersionId: head.VersionId,
          BypassGovernanceRetention: bypass,
        }),
      );
    await expect(refusal(remove(false))).resolves.toBe('AccessDenied 403');
    await expect(refusal(remove(true))).resolves.toBe('accepted');
    await expect(store.has(ref)).resolves.toBe(false);
  });
});
