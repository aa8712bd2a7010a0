import { canonicalize } from '@ejournal/contracts';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { perSecond, runConcurrently } from '../measure';
import { markRecorded } from './sample-events';

/** A table shaped like event_store.events (columns, unique keys, order indexes), no triggers. */
const RAW_TABLE = `
CREATE TABLE raw_events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL, stream_version integer NOT NULL,
  category text NOT NULL, type text NOT NULL, schema_version integer NOT NULL,
  region_id text NOT NULL, school_id text, occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL, canonical bytea NOT NULL, metadata jsonb NOT NULL,
  UNIQUE (stream_id, stream_version));
CREATE INDEX ON raw_events (transaction_id, global_position);
CREATE INDEX ON raw_events (category, transaction_id, global_position);
CREATE INDEX ON raw_events (region_id, school_id);`;

const COLUMNS = 12;

function rawRow(sequence: number, stream: string, version: number): unknown[] {
  const event = markRecorded(sequence);
  return [
    event.eventId,
    stream,
    version,
    'journal',
    event.type,
    event.schemaVersion,
    event.tenant.regionId,
    event.tenant.schoolId,
    event.occurredAt,
    new Date(),
    Buffer.from(canonicalize(event)),
    JSON.stringify({ traceparent: null }),
  ];
}

function insertSql(rows: number): string {
  const tuples = Array.from({ length: rows }, (_, row) => {
    const params = Array.from({ length: COLUMNS }, (_, column) => `$${row * COLUMNS + column + 1}`);
    return `(${params.join(', ')})`;
  });
  return `INSERT INTO raw_events (event_id, stream_id, stream_version, category, type,
    schema_version, region_id, school_id, occurred_at, recorded_at, canonical, metadata)
    VALUES ${tuples.join(', ')}`;
}

export async function createRawTable(pool: Pool): Promise<void> {
  await pool.query(RAW_TABLE);
}

/** Rows per second of `batch`-row INSERT statements by `writers` concurrent clients. */
export async function rawInsertRate(pool: Pool, writers: number, rows: number, batch: number) {
  const versions = new Array<number>(writers).fill(0);
  const sql = insertSql(batch);
  const { seconds } = await runConcurrently(writers, rows / batch, async (iteration, loop) => {
    const stream = `raw-${batch}-${loop}`;
    const values = Array.from({ length: batch }, (_, i) =>
      rawRow(iteration * batch + i, stream, (versions[loop] = (versions[loop] ?? 0) + 1)),
    ).flat();
    await pool.query({ name: `raw_insert_${batch}`, text: sql, values });
  });
  return perSecond(rows, seconds);
}

/** Rows per second of COPY ... TO STDOUT of the store's events, on one connection. */
export async function rawCopyRate(pool: Pool): Promise<{ rows: number; rowsPerSec: number }> {
  const client = await pool.connect();
  try {
    const started = performance.now();
    let rows = 0;
    const stream = client.query(copyTo('COPY event_store.events TO STDOUT'));
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) rows += 1;
    }
    return { rows, rowsPerSec: perSecond(rows, (performance.now() - started) / 1000) };
  } finally {
    client.release();
  }
}
