import { Logger } from '@nestjs/common';
import { ProjectionWaiter } from './projection-waiter';

/** A waiter whose read store holds what the spec says another replica projected. */
class SpecWaiter extends ProjectionWaiter {
  stored = 0;
  constructor() {
    super(new Logger('spec'));
  }
  protected async storedVersion(): Promise<number> {
    return this.stored;
  }
}

describe('the projection waiter (read-your-writes)', () => {
  it('resolves as soon as this process’s projector reports the version', async () => {
    const waiter = new SpecWaiter();
    const caughtUp = waiter.caughtUp('journal-1', 2, 5_000);
    waiter.projected('journal-1', 1);
    waiter.projected('journal-1', 2);
    await expect(caughtUp).resolves.toBe(true);
  });

  it('resolves when the read store holds the version another replica projected', async () => {
    const waiter = new SpecWaiter();
    waiter.stored = 3;
    await expect(waiter.caughtUp('journal-1', 3, 5_000)).resolves.toBe(true);
  });

  it('answers false after its timeout when the read models lag', async () => {
    const waiter = new SpecWaiter();
    waiter.projected('journal-1', 1);
    await expect(waiter.caughtUp('journal-1', 2, 0)).resolves.toBe(false);
  });

  it('keeps what each stream reached: a later, lower report changes nothing', async () => {
    const waiter = new SpecWaiter();
    waiter.projected('journal-1', 5);
    waiter.projected('journal-1', 4);
    await expect(waiter.caughtUp('journal-1', 5, 0)).resolves.toBe(true);
  });
});
