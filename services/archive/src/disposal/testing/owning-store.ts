import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, escapeIdentifier } from 'pg';

export interface OwningStore {
  url: string;
  /** Calls it received, in order (a repeat of an act shows here). */
  calls: { streamId: string; actReference: string }[];
  close(): Promise<void>;
}

/**
 * The owning service's side of `PUT /disposals/{streamId}` on a real event store (the journal's own
 * route is specified in the journal), so the archive's workflow runs against a store that
 * really disposes: the store's `dispose_stream`, run by a login holding its disposal role,
 * the same act answered again with its tombstone. Specs only.
 */
export async function owningStore(
  adminUrl: string,
  disposalRole: string,
  token: string,
): Promise<OwningStore> {
  const login = `${disposalRole}_officer`.slice(0, 63);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(login)}`);
  await admin.query(
    `CREATE ROLE ${escapeIdentifier(login)} LOGIN IN ROLE ${escapeIdentifier(disposalRole)}`,
  );
  const officerUrl = new URL(adminUrl);
  officerUrl.username = login;
  officerUrl.password = '';
  const officer = new Client({ connectionString: officerUrl.toString() });
  await officer.connect();
  const calls: OwningStore['calls'] = [];
  const tombstone = async (streamId: string) =>
    (
      await officer.query(
        `SELECT stream_id AS "streamId", act_reference AS "actReference", disposed_by AS "disposedBy",
           executed_by AS "executedBy", disposed_at AS "disposedAt", event_count AS "eventCount",
           last_version AS "lastVersion", encode(last_hash, 'hex') AS "lastHash"
         FROM event_store.disposals WHERE stream_id = $1`,
        [streamId],
      )
    ).rows[0];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      void (async () => {
        if (request.headers.authorization !== `Bearer ${token}`) {
          response.writeHead(401).end('{}');
          return;
        }
        const streamId = decodeURIComponent((request.url ?? '').replace('/disposals/', ''));
        const { actReference, disposedBy } = JSON.parse(text);
        calls.push({ streamId, actReference });
        if (!(await tombstone(streamId))) {
          await officer.query('SELECT event_store.dispose_stream($1, $2, $3)', [
            streamId,
            actReference,
            disposedBy,
          ]);
        }
        const kept = await tombstone(streamId);
        const body = { tombstone: { ...kept, disposedAt: kept.disposedAt.toISOString() } };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      })().catch((error: unknown) =>
        response.writeHead(500).end(JSON.stringify({ error: String(error) })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await officer.end();
      await admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(login)}`);
      await admin.end();
    },
  };
}
