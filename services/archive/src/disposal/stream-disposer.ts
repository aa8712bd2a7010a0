import { ServiceTokenClient } from '@ejournal/auth';
import { ServiceUnavailableProblem } from '@ejournal/http';
import { z } from 'zod';

/** What the owning store confirmed it left of a disposed stream. */
export const tombstoneSchema = z.object({
  streamId: z.string(),
  actReference: z.string(),
  disposedBy: z.string(),
  executedBy: z.string(),
  disposedAt: z.string(),
  eventCount: z.number().int(),
  lastVersion: z.number().int(),
  lastHash: z.string().nullable(),
});
export type ConfirmedTombstone = z.infer<typeof tombstoneSchema>;

/**
 * The archive's port to the store that owns a stream: the archive never touches another
 * service's database, it asks the owner to run its own privileged `dispose_stream`.
 */
export interface StreamDisposer {
  dispose(streamId: string, actReference: string, disposedBy: string): Promise<ConfirmedTombstone>;
}

export const STREAM_DISPOSER = Symbol('STREAM_DISPOSER');

/** Where a caller gets a bearer token for the owning service. */
export type TokenSource = () => Promise<string>;

export function clientCredentials(options: {
  tokenUrl: string;
  clientId: string;
  clientSecret: string | undefined;
}): TokenSource {
  const { clientSecret } = options;
  if (!clientSecret) {
    return () =>
      Promise.reject(
        new ServiceUnavailableProblem(
          'ARCHIVE.DISPOSAL_UNAVAILABLE',
          'ARCHIVE_CLIENT_SECRET is not configured: the archive cannot call the journal',
        ),
      );
  }
  const client = new ServiceTokenClient({ ...options, clientSecret });
  return () => client.token();
}

/**
 * Journals and summary sheets live in the journal service's store: an authorised call to its
 * `PUT /disposals/{streamId}` (the archive's service account), idempotent per act, answered with the
 * tombstone. Any failure is a 503: the act stays approved and its execution can be retried.
 */
export class OwningServiceDisposer implements StreamDisposer {
  constructor(
    private readonly journalUrl: string,
    private readonly token: TokenSource,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  async dispose(streamId: string, actReference: string, disposedBy: string) {
    const response = await this.fetcher(
      new URL(`/disposals/${encodeURIComponent(streamId)}`, this.journalUrl),
      {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${await this.token()}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ actReference, disposedBy }),
      },
    ).catch((error: unknown) => {
      throw unavailable(`the journal is unreachable (${String(error)})`);
    });
    const body = (await response.json().catch(() => null)) as {
      tombstone?: unknown;
      code?: string;
    } | null;
    if (!response.ok) {
      throw unavailable(`the journal answered ${response.status} ${body?.code ?? ''}`.trim());
    }
    const parsed = tombstoneSchema.safeParse(body?.tombstone);
    if (!parsed.success) throw unavailable('the journal answered without a tombstone');
    if (parsed.data.streamId !== streamId || parsed.data.actReference !== actReference) {
      throw unavailable('the journal confirmed another stream or act');
    }
    return parsed.data;
  }
}

const unavailable = (why: string) =>
  new ServiceUnavailableProblem('ARCHIVE.DISPOSAL_UNAVAILABLE', `Disposal not confirmed: ${why}`);
