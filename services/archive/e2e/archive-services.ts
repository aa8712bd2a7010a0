import {
  createTestDatabase,
  dropMongo,
  dropRoles,
  startBuiltService,
  testMongoUrl,
  testReadStorePostgresUrl,
  uniqueTestName,
  type RunningService,
} from '@ejournal/testing';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PKI_SCRIPT = path.resolve(__dirname, '../scripts/local-signing-pki.sh');

/**
 * The built archive as a child process on a database, read store and document store of its
 * own, following the journal's topic, naming people through identity and disposing through the
 * journal with its service account, signing with a local CA's software key (`pki/default.*`,
 * trust anchor `ca.pem`).
 */
export async function startArchive(options: {
  identityUrl: string;
  journalUrl: string;
  journalTopic: string;
  clientSecret: string;
}) {
  const label = 'archive e2e';
  const database = await createTestDatabase(label);
  const mongo = testMongoUrl(label);
  const pki = await mkdtemp(path.join(tmpdir(), 'archive-e2e-pki-'));
  const documents = await mkdtemp(path.join(tmpdir(), 'archive-e2e-documents-'));
  await run('bash', [PKI_SCRIPT, pki]);
  let archive: RunningService | undefined;
  const stop = async () => {
    await archive?.stop();
    await database.drop();
    await dropRoles([database.name]);
    await dropMongo(mongo.url);
    await rm(pki, { recursive: true, force: true });
    await rm(documents, { recursive: true, force: true });
  };
  try {
    archive = await startBuiltService('archive', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      MONGO_URL: mongo.url,
      READ_STORE_POSTGRES_URL: testReadStorePostgresUrl(),
      AUTH_JWKS_URL: `${options.identityUrl}/.well-known/jwks.json`,
      JOURNAL_EVENTS_TOPIC: options.journalTopic,
      CATALOGUE_CONSUMER_GROUP: uniqueTestName(`${label} catalogue`),
      DOCUMENTS_CONSUMER_GROUP: uniqueTestName(`${label} documents`),
      CHECKPOINTS_CONSUMER_GROUP: uniqueTestName(`${label} checkpoints`),
      INTEGRITY_ENABLED: 'false',
      DOCUMENTS_POLL_MS: '100',
      DOCUMENT_STORE_DIR: documents,
      IDENTITY_URL: options.identityUrl,
      SERVICE_TOKEN_URL: `${options.identityUrl}/auth/token`,
      ARCHIVE_CLIENT_ID: 'archive',
      ARCHIVE_CLIENT_SECRET: options.clientSecret,
      JOURNAL_URL: options.journalUrl,
      SIGNING_KEYS_DIR: pki,
      SIGNING_TRUST_ANCHORS: path.join(pki, 'ca.pem'),
    });
    return { archive, pki, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `openssl cms -verify` of a detached signature, as an auditor would run it. */
export async function opensslVerifies(pki: string, pdf: string, p7s: string): Promise<boolean> {
  const args = ['cms', '-verify', '-binary', '-content', pdf, '-inform', 'DER', '-in', p7s];
  args.push('-CAfile', path.join(pki, 'ca.pem'), '-out', '/dev/null');
  return run('openssl', args).then(
    () => true,
    () => false,
  );
}

export const pdfText = async (file: string) =>
  (await run('pdftotext', ['-layout', file, '-'])).stdout;
