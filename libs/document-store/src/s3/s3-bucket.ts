import {
  CreateBucketCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { DocumentStoreConfigError } from '../errors';
import { isNotFound, s3ErrorCode } from './s3-errors';

/** COMPLIANCE: nobody, root included, shortens or removes a lock; GOVERNANCE: a privileged role may. */
export type ObjectLockMode = 'COMPLIANCE' | 'GOVERNANCE';

/** Fails with `DOCUMENT_STORE.MISCONFIGURED` unless the bucket exists with object lock enabled. */
export async function assertObjectLock(client: S3Client, bucket: string): Promise<void> {
  try {
    const answer = await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    if (answer.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled') return;
  } catch (error) {
    const code = s3ErrorCode(error);
    if (code !== 'ObjectLockConfigurationNotFoundError' && code !== 'NoSuchBucket') throw error;
  }
  throw new DocumentStoreConfigError(
    `S3 bucket ${bucket} does not exist with object lock enabled: documents would not be WORM`,
  );
}

/**
 * Creates the bucket with object lock (and so versioning) enabled unless it exists, then
 * checks the lock: for local infrastructure and tests. Object lock can only be chosen when a
 * bucket is created; in production the operator creates it (deploy/k8s).
 */
export async function ensureLockedBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (!isNotFound(error)) throw error;
    try {
      await client.send(
        new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }),
      );
    } catch (createError) {
      const code = s3ErrorCode(createError);
      if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw createError;
    }
  }
  await assertObjectLock(client, bucket);
}
