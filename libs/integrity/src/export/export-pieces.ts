import type { PoolClient } from 'pg';
import { CopyOut } from './copy-out';
import type { NdjsonWriter } from './event-line-writer';
import { EventRows, type LineSink, type RowTally } from './event-rows';

/** Bytes a piece formatted ahead of the one being written may hold before its COPY waits. */
const AHEAD_BYTES = 64 << 20;

/** One COPY of the export's lines, formatted into buffers as its rows come. */
class Piece implements LineSink {
  /** Empty until the first row: a buffer is taken when the piece's rows come. */
  buffer: Buffer = Buffer.alloc(0);
  at = 0;
  /** Buffers filled, in order, not yet handed to the file. */
  readonly filled: Buffer[] = [];
  held = 0;
  done = false;

  constructor(
    readonly sql: string,
    private readonly writer: NdjsonWriter,
  ) {}

  reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    if (this.at > 0) {
      this.filled.push(this.buffer.subarray(0, this.at));
      this.held += this.at;
    }
    this.buffer = this.writer.spareBuffer(bytes);
    this.at = 0;
  }

  /** Bytes of lines spelled and not yet handed to the file. */
  get holding(): number {
    return this.held + this.at;
  }

  /** The last buffer, once the piece is done. */
  close(): void {
    if (this.at > 0) {
      this.filled.push(this.buffer.subarray(0, this.at));
      this.held += this.at;
    }
    this.done = true;
  }
}

/**
 * The export's event lines from several COPY statements (pieces of the store in its order,
 * each a range of global positions) run on as many connections sharing one snapshot, so that
 * PostgreSQL reads on one core while lines are spelled on the other: each connection runs its
 * pieces in turn (connection c the pieces c, c + n, …), each piece's lines are spelled as its
 * rows come (`EventRows`), and the pieces are written in order. A connection runs at most one
 * piece ahead of the one being written and stops reading its COPY (`CopyOut.pause`) while
 * that piece holds more than `aheadBytes` ({@link AHEAD_BYTES} by default).
 */
export async function copyPieces(
  clients: PoolClient[],
  statements: string[],
  writer: NdjsonWriter,
  tally: RowTally,
  aheadBytes = AHEAD_BYTES,
): Promise<void> {
  const pieces = statements.map((sql) => new Piece(sql, writer));
  let current = 0;
  const failed: { error?: unknown; yes: boolean } = { yes: false };
  /** The COPY statements running, failed with the export when another part of it fails. */
  const copies = new Set<CopyOut>();
  let waiting: (() => void)[] = [];
  const notify = () => {
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  const changed = async () => {
    if (failed.yes) throw failed.error;
    await new Promise<void>((resolve) => waiting.push(resolve));
    if (failed.yes) throw failed.error;
  };
  const fail = (error: unknown) => {
    if (!failed.yes) Object.assign(failed, { yes: true, error });
    for (const copy of copies) copy.abort(error);
    notify();
    throw error;
  };

  const produce = async (client: PoolClient, first: number) => {
    for (let index = first; index < pieces.length; index += clients.length) {
      while (index > current + 1) await changed();
      const piece = pieces[index] as Piece;
      const rows = new EventRows(piece, tally);
      // The socket is read only while the piece is the one written or holds little.
      const holdBack = async () => {
        copy.pause();
        while (index !== current && piece.holding > aheadBytes) await changed();
        copy.resume();
      };
      const copy = new CopyOut(piece.sql, (chunk, from, to) => {
        const filled = piece.filled.length;
        rows.pushRange(chunk, from, to);
        if (piece.filled.length > filled) notify();
        if (!copy.paused && index !== current && piece.holding > aheadBytes) {
          holdBack().catch((error: unknown) => copy.abort(error));
        }
      });
      copies.add(copy);
      client.query(copy);
      await copy.done;
      copies.delete(copy);
      rows.finish();
      piece.close();
      notify();
    }
  };

  const write = async () => {
    for (; current < pieces.length; current++) {
      notify();
      const piece = pieces[current] as Piece;
      // Nothing is awaited between looking and waiting, so no notice falls in between.
      for (;;) {
        const buffer = piece.filled.shift();
        if (buffer) {
          piece.held -= buffer.length;
          await writer.send(buffer);
        } else if (piece.done) break;
        else await changed();
      }
    }
    notify();
  };

  await Promise.all(
    [write(), ...clients.map((client, i) => produce(client, i))].map((p) => p.catch(fail)),
  );
}
