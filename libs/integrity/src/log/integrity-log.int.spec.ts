import { createTestDatabase, requireInfra } from '@ejournal/testing';
import path from 'node:path';
import { readCheckpointFile } from '../publish/checkpoint-file';
import { NdjsonFilePublisher } from '../publish/ndjson-file-publisher';
import {
  integrityFixture,
  untilReadable,
  markRecorded,
  newSigner,
  type IntegrityFixture,
} from '../testing/integrity-fixture';
import { startIntegrityLog } from './integrity-log';
import { logSize } from './log-size';

jest.setTimeout(30_000);

describe('startIntegrityLog', () => {
  let fixture: IntegrityFixture;

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    fixture = await integrityFixture(await createTestDatabase('integrity loop'));
  });

  afterAll(async () => {
    await fixture?.drop();
  });

  it('follows the store, signs on demand and at its interval, and publishes each checkpoint once', async () => {
    const file = path.join(fixture.dir, 'published.ndjson');
    const errors: unknown[] = [];
    const log = startIntegrityLog({
      pool: fixture.pool,
      logId: 'ejournal/loop-test',
      signer: newSigner(),
      publishers: [new NdjsonFilePublisher(file)],
      buildIntervalMs: 20,
      checkpointIntervalMs: 300,
      onError: (error) => errors.push(error),
    });
    try {
      await fixture.store.append('journal-loop', 'noStream', [markRecorded(), markRecorded()]);
      await untilReadable(fixture, 2);
      const onDemand = await log.checkpointNow();
      expect(onDemand).toMatchObject({ logId: 'ejournal/loop-test', treeSize: 2 });
      await fixture.store.append('journal-loop', 2, [markRecorded()]);
      // The loop's own timer signs it: wait for the file to hold it, not for a while.
      const deadline = Date.now() + 20_000;
      const signedThree = async () =>
        (await readCheckpointFile(file).catch(() => [])).some((c) => c.treeSize === 3);
      while (!(await signedThree()) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await log.stop();
    }
    expect(errors).toEqual([]);
    expect(await logSize(fixture.pool)).toBe(3);
    const published = await readCheckpointFile(file);
    const ids = published.map((checkpoint) => Number(checkpoint.checkpointId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(published.at(-1)?.treeSize).toBe(3);
    await new NdjsonFilePublisher(file).publish(published[0]!);
    expect(await readCheckpointFile(file)).toHaveLength(published.length);
  });
});
