import { journalRegistry } from '@ejournal/contracts';
import { Client } from 'pg';
import { lessons } from '../contract/test-events';
import {
  appendStatement,
  interpretAppendRows,
  type AppendStatementRow,
} from '../postgres/append-statement';
import { headVersion } from '../postgres/append-to-stream';
import { prepareRows } from '../postgres/prepare-rows';

const HOLD_PROBABILITY = 0.3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

export interface WriterStats {
  committed: number;
  held: number;
  conflicts: number;
}

/**
 * One writer on its own connection: the store's append statement inside an explicit
 * transaction, sometimes held open 50-300 ms before COMMIT while the others commit, which is
 * how a low global_position becomes visible after higher ones.
 */
export async function concurrentWriter(
  url: string,
  streams: string[],
  transactions: number,
  stats: WriterStats,
): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < transactions; i += 1) {
      const stream = streams[randomInt(0, streams.length - 1)]!;
      const events = lessons(randomInt(1, 5)).map((event) => journalRegistry.validate(event));
      const prepared = prepareRows(
        stream,
        await headVersion(client, stream),
        events,
        new Date().toISOString(),
      );
      await client.query('BEGIN');
      const appended = await client
        .query<AppendStatementRow>(appendStatement(prepared))
        .then((result) => interpretAppendRows(prepared, result.rows).kind === 'appended')
        // Another writer took these versions first (unique violation): a conflict, as in append.
        .catch(() => false);
      if (!appended) {
        await client.query('ROLLBACK');
        stats.conflicts += 1;
        continue;
      }
      if (Math.random() < HOLD_PROBABILITY) {
        stats.held += 1;
        await sleep(randomInt(50, 300));
      }
      await client.query('COMMIT');
      stats.committed += events.length;
    }
  } finally {
    await client.end();
  }
}
