import { int32 } from './event-line-bytes';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER = SIGNATURE.length + 8;

/**
 * The rows of a binary COPY stream (PostgreSQL's format: signature, flags, header extension,
 * then per row a 16-bit field count and each field as a 32-bit length and its bytes, -1 meaning
 * NULL, and -1 as the trailer), read in place chunk by chunk: each complete row is handed to
 * {@link take} with its fields' starts and lengths, in the chunk it arrived in. A row cut
 * between chunks is completed from the next one in a stage of its own.
 */
export abstract class CopyRows {
  ended = false;
  /** Where each field of the row handed to {@link take} starts, and its length (-1: NULL). */
  protected readonly starts: Int32Array;
  protected readonly lengths: Int32Array;
  /** The start of a row the last chunk did not complete, then the next chunk after it. */
  private stage = Buffer.allocUnsafe(1 << 17);
  private staged = 0;
  private headerRead = false;

  constructor(private readonly fieldCount: number) {
    this.starts = new Int32Array(fieldCount);
    this.lengths = new Int32Array(fieldCount);
  }

  /** A complete row, its fields in {@link starts} and {@link lengths} over `source`. */
  protected abstract take(source: Buffer): void;

  /** Hands over each row the chunk completes. */
  pushChunk(chunk: Buffer): void {
    this.pushRange(chunk, 0, chunk.length);
  }

  /** Hands over each row the bytes [from, end) of `chunk` complete. */
  pushRange(chunk: Buffer, from: number, end: number): void {
    if (this.ended) return;
    let at = this.staged > 0 || !this.headerRead ? this.joinStaged(chunk, from, end) : from;
    if (at >= 0) {
      for (let next = this.row(chunk, at, end); next >= 0; next = this.row(chunk, at, end)) {
        at = next;
      }
      if (!this.ended) this.keepFrom(chunk, at, end);
    }
  }

  /** The stream ended: its trailer must have come. */
  finish(): void {
    if (!this.ended) throw new Error('The binary COPY stream ended without its trailer');
  }

  /**
   * Completes what the chunks before left (the header, or a row they cut) with as few of this
   * chunk's bytes as it takes, copied after them (copying every chunk would cost a copy of the
   * whole stream): where in the chunk the next row starts, or -1 when the chunk was all taken.
   */
  private joinStaged(chunk: Buffer, from: number, to: number): number {
    const carried = this.staged;
    const length = to - from;
    let at = 0;
    for (let taken = 0; ;) {
      const more = Math.min(length, Math.max(4096, 2 * taken));
      this.reserveStage(carried + more, carried + taken);
      chunk.copy(this.stage, carried + taken, from + taken, from + more);
      taken = more;
      const end = carried + taken;
      if (!this.headerRead) at = this.header(end);
      if (this.headerRead) {
        for (let next = this.row(this.stage, at, end); next >= 0;) {
          at = next;
          next = this.row(this.stage, at, end);
        }
        if (this.ended) return -1;
        if (at >= carried) {
          this.staged = 0;
          return from + at - carried;
        }
      }
      if (taken === length) {
        this.keepFrom(this.stage, at, end);
        return -1;
      }
    }
  }

  /** Where the rows start after the header in the stage's first `end` bytes; 0 if not there. */
  private header(end: number): number {
    const { stage } = this;
    if (end < HEADER) return 0;
    if (!stage.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
      throw new Error('Not a binary COPY stream');
    }
    const rows = HEADER + stage.readUInt32BE(SIGNATURE.length + 4);
    if (end < rows) return 0;
    this.headerRead = true;
    return rows;
  }

  /** A stage of at least `size` bytes, its first `kept` bytes kept. */
  private reserveStage(size: number, kept: number): void {
    if (this.stage.length >= size) return;
    const bigger = Buffer.allocUnsafe(2 * size);
    this.stage.copy(bigger, 0, 0, kept);
    this.stage = bigger;
  }

  /** Keeps the bytes [from, end) of `buffer` for the next chunk. */
  private keepFrom(buffer: Buffer, from: number, end: number): void {
    if (buffer === this.stage) this.stage.copyWithin(0, from, end);
    else {
      this.reserveStage(end - from, 0);
      buffer.copy(this.stage, 0, from, end);
    }
    this.staged = end - from;
  }

  /** Takes the row at `at`; where the next starts, or -1 at the trailer or a partial row. */
  private row(buffer: Buffer, at: number, end: number): number {
    if (at + 2 > end) return -1;
    const count = (buffer[at] as number) * 256 + (buffer[at + 1] as number);
    if (count === 0xffff) return ((this.ended = true), -1);
    if (count !== this.fieldCount) throw new Error(`An export row of ${count} fields`);
    const { starts, lengths } = this;
    let next = at + 2;
    for (let i = 0; i < count; i++) {
      if (next + 4 > end) return -1;
      const length = int32(buffer, next);
      next += 4;
      starts[i] = next;
      lengths[i] = length;
      if (length > 0) next += length;
      if (next > end) return -1;
    }
    this.take(buffer);
    return next;
  }
}
