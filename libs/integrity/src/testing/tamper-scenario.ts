import path from 'node:path';
import { escapeIdentifier } from 'pg';
import type { SignedCheckpoint } from '../checkpoints/checkpoint-format';
import { Checkpointer } from '../checkpoints/checkpointer';
import { listSigningKeys } from '../checkpoints/key-table';
import type { PublicKeyEntry } from '../checkpoints/keyring';
import type { CheckpointSigner } from '../checkpoints/signing-key';
import { NdjsonFilePublisher } from '../publish/ndjson-file-publisher';
import { readCheckpointFile } from '../publish/checkpoint-file';
import { databaseInput } from '../verify/database-input';
import type { VerificationReport } from '../verify/report';
import { verifyIntegrity } from '../verify/verify-integrity';
import {
  buildWholeLog,
  integrityFixture,
  markRecorded,
  newSigner,
  type FreshDatabase,
  type IntegrityFixture,
} from './integrity-fixture';

/** Where an event sits: what a verifier's report must name. */
export interface Place {
  streamId: string;
  streamVersion: number;
  globalPosition: string;
}

/**
 * A small store as an auditor finds it: four streams written interleaved, the log built, two
 * checkpoints signed and published to a file, the keyring copied out before anyone tampers.
 */
export interface TamperScenario extends IntegrityFixture {
  signer: CheckpointSigner;
  logId: string;
  /** The running checkpointer that signed both checkpoints. */
  checkpointer: Checkpointer;
  checkpointFile: string;
  keys: PublicKeyEntry[];
  published: SignedCheckpoint[];
  place(streamId: string, streamVersion: number): Promise<Place>;
  /** What the auditor runs: the database, the keyring and (by default) the published file. */
  verify(options?: { withPublished?: boolean }): Promise<VerificationReport>;
}

export async function tamperScenario(database: FreshDatabase): Promise<TamperScenario> {
  const fixture = await integrityFixture(database);
  const signer = newSigner('archive-2026');
  const logId = `ejournal/${fixture.name}`;
  const checkpointer = new Checkpointer({ db: fixture.pool, signer, logId });
  const checkpointFile = path.join(fixture.dir, 'checkpoints.ndjson');
  const publisher = new NdjsonFilePublisher(checkpointFile);
  const round = async (streams: Record<string, number>) => {
    const versions = Object.entries(streams);
    for (let version = 1; versions.some(([, count]) => count >= version); version += 1) {
      for (const [stream, count] of versions) {
        if (count >= version) await fixture.store.append(stream, 'any', [markRecorded()]);
      }
    }
    await buildWholeLog(fixture);
    await publisher.publish((await checkpointer.checkpoint()) as SignedCheckpoint);
  };
  await round({ 'journal-a': 3, 'journal-b': 3, 'journal-c': 3, 'summary-x': 3 });
  await round({ 'journal-a': 2, 'journal-b': 2 });
  const keys = await listSigningKeys(fixture.pool);
  const scenario: TamperScenario = {
    ...fixture,
    signer,
    logId,
    checkpointer,
    checkpointFile,
    keys,
    published: await readCheckpointFile(checkpointFile),
    async place(streamId, streamVersion) {
      const { rows } = await fixture.admin.query<{ p: string }>(
        `SELECT global_position::text AS p FROM event_store.events
         WHERE stream_id = $1 AND stream_version = $2`,
        [streamId, streamVersion],
      );
      return { streamId, streamVersion, globalPosition: rows[0]?.p ?? 'none' };
    },
    async verify({ withPublished = true } = {}) {
      return verifyIntegrity(await databaseInput(fixture.pool, `database ${fixture.name}`), {
        trustedKeys: { entries: keys, description: 'keyring kept by the auditor' },
        published: withPublished
          ? {
              checkpoints: await readCheckpointFile(checkpointFile),
              description: 'published checkpoints kept by the auditor',
            }
          : undefined,
      });
    },
  };
  return scenario;
}

/** SQL that alters a mark's value inside the event's hashed bytes. */
export const alterPayload = (streamId: string, version: number) =>
  `UPDATE event_store.events
   SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), '"value":"5"', '"value":"2"'), 'UTF8')
   WHERE stream_id = '${streamId}' AND stream_version = ${version}`;

/** SQL that recomputes a stream's chain from a version on, as a careful forger would. */
export const rechain = (streamId: string, fromVersion: number) => `
DO $$
DECLARE
  event record;
  prev bytea := (SELECT hash FROM event_store.events
                 WHERE stream_id = '${streamId}' AND stream_version = ${fromVersion - 1});
BEGIN
  FOR event IN SELECT global_position, canonical FROM event_store.events
    WHERE stream_id = '${streamId}' AND stream_version >= ${fromVersion} ORDER BY stream_version
  LOOP
    UPDATE event_store.events
    SET prev_hash = prev, hash = sha256(coalesce(prev, '\\x${'00'.repeat(32)}'::bytea) || event.canonical)
    WHERE global_position = event.global_position RETURNING hash INTO prev;
  END LOOP;
END $$`;

/** SQL that makes the log's leaves agree with the (forged) events again. */
export const releaf = `UPDATE event_store.merkle_leaves AS l SET event_hash = e.hash
  FROM event_store.events AS e WHERE e.global_position = l.global_position`;

export const asRole = (role: string) => `SET LOCAL ROLE ${escapeIdentifier(role)}`;
