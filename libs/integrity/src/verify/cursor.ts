/** Items of a batched source one by one, awaiting only between batches. */
export class Cursor<T> {
  private readonly batches: AsyncIterator<T[]>;
  private batch: T[] = [];
  private at = 0;

  constructor(source: AsyncIterable<T[]>) {
    this.batches = source[Symbol.asyncIterator]();
  }

  async next(): Promise<T | null> {
    while (this.at >= this.batch.length) {
      const next = await this.batches.next();
      if (next.done) return null;
      [this.batch, this.at] = [next.value, 0];
    }
    return this.batch[this.at++] as T;
  }
}
