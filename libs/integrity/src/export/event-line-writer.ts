import { WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

const SIZE = 1 << 20;

/**
 * NDJSON written into large buffers and handed to `out` a megabyte at a time. Event lines are
 * assembled straight from the bytes of the export's binary COPY stream (`EventRows`):
 * the same bytes `JSON.stringify` of their fields gives, with no object or string per row but
 * the base64 of its payload, which at a million events is most of an export's time.
 */
export class NdjsonWriter {
  buffer: Buffer = Buffer.allocUnsafe(SIZE);
  at = 0;
  /**
   * Buffers a file has written, filled again: a gigabyte of fresh ones costs page faults and
   * garbage collections. Only for a file: its write callback means the bytes are on their way
   * to the disk, where another stream's (a PassThrough's) may still hold the buffer.
   */
  private readonly spare: Buffer[] = [];
  private readonly reusable: boolean;

  /** `spares`: how many written buffers are kept to be filled again. */
  constructor(
    private readonly out: Writable,
    private readonly spares = 2,
  ) {
    this.reusable = out instanceof WriteStream;
  }

  async line(value: object): Promise<void> {
    const json = `${JSON.stringify(value)}\n`;
    this.reserve(Buffer.byteLength(json));
    this.at += this.buffer.write(json, this.at, 'utf8');
    await this.flushWhenFull();
  }

  async flushWhenFull(): Promise<void> {
    if (this.at >= SIZE - 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.at === 0) return;
    const full = this.buffer.subarray(0, this.at);
    this.buffer = this.spareBuffer();
    this.at = 0;
    await this.write(full);
  }

  /** Writes what is buffered, then `bytes` (the start of a buffer from {@link spareBuffer}). */
  async send(bytes: Buffer): Promise<void> {
    await this.flush();
    await this.write(bytes);
  }

  /** A buffer of at least `bytes` (and a megabyte), one the file gave back if there is one. */
  spareBuffer(bytes = 0): Buffer {
    return (bytes <= SIZE && this.spare.pop()) || Buffer.allocUnsafe(Math.max(SIZE, bytes));
  }

  /**
   * Writes `bytes`, waiting while `out` is full. An `out` closed before all is written (an
   * auditor's download broken off) fails the export: waiting for it to drain would hold the
   * export's connections and snapshot for good.
   */
  private async write(bytes: Buffer): Promise<void> {
    if (this.out.destroyed) throw new OutputClosedError();
    if (this.out.write(bytes, this.reuse(bytes))) return;
    const out = this.out;
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        out.off('drain', drained).off('close', closed).off('error', settle);
        if (error) reject(error);
        else resolve();
      };
      const drained = () => settle();
      const closed = () => settle(new OutputClosedError());
      out.on('drain', drained).on('close', closed).on('error', settle);
      if (out.destroyed) closed();
    });
  }

  /** The write callback that gives the buffer of `bytes` back once the file has it. */
  private reuse(bytes: Buffer): ((error?: Error | null) => void) | undefined {
    const whole = bytes.buffer;
    if (!this.reusable || bytes.byteOffset !== 0 || whole.byteLength !== SIZE) return undefined;
    return (error) => {
      if (!error && this.spare.length < this.spares) this.spare.push(Buffer.from(whole, 0, SIZE));
    };
  }

  reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(SIZE, 2 * (this.at + bytes)));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }
}

/** The export's output was closed before the export had written all of it. */
export class OutputClosedError extends Error {
  constructor() {
    super('The export’s output was closed before all of it was written');
    this.name = 'OutputClosedError';
  }
}
