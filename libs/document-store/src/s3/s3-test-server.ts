import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { probeTcp } from './s3-test-probe';

/**
 * The S3-compatible server of the integration tests: `S3_*` from the environment
 * (`eval "$(bash tools/infra/infra.sh env)"`), else the local infrastructure's versitygw.
 */
export const testS3 = {
  endpoint: process.env['S3_ENDPOINT'] ?? 'http://127.0.0.1:27070',
  region: process.env['S3_REGION'] ?? 'us-east-1',
  accessKeyId: process.env['S3_ACCESS_KEY_ID'] ?? 'ejournal',
  secretAccessKey: process.env['S3_SECRET_ACCESS_KEY'] ?? 'ejournal-local-secret',
  /** Where the local gateway keeps buckets, so a test can remove what object lock keeps. */
  dir: process.env['VERSITYGW_DIR'] ?? resolve(__dirname, '../../../../.infra/versitygw'),
};

export async function testS3Client(): Promise<S3Client> {
  const problem = await probeTcp(new URL(testS3.endpoint));
  if (problem) {
    throw new Error(
      `The S3-compatible server at ${testS3.endpoint} is not reachable (${problem}): ` +
        'start the local infrastructure with `npm run infra -- up`, or set S3_ENDPOINT.',
    );
  }
  return new S3Client({
    endpoint: testS3.endpoint,
    region: testS3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: testS3.accessKeyId, secretAccessKey: testS3.secretAccessKey },
  });
}

/** A bucket name of this run; S3 names allow lowercase, digits and hyphens. */
export function testBucketName(label: string): string {
  return `test-${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * Objects under COMPLIANCE lock cannot be deleted through S3 before their date, by design: the
 * test removes its bucket from the local gateway's directories instead.
 */
export async function removeTestBucket(bucket: string): Promise<void> {
  if (!bucket.startsWith('test-'))
    throw new Error(`Refusing to remove ${bucket}: not a test bucket`);
  await rm(join(testS3.dir, 'data', bucket), { recursive: true, force: true });
  await rm(join(testS3.dir, 'versions', bucket), { recursive: true, force: true });
}
