import { ContractValidationError } from '@ejournal/contracts';
import { WrongExpectedVersionError } from '../errors';
import type { EventStore } from '../event-store.port';
import { lessonHeld, lessons, streamId } from './test-events';

export function describeAppendContract(store: () => EventStore): void {
  describe('append', () => {
    it('appends a batch to a new stream and returns its versions and positions', async () => {
      const stream = streamId();
      const events = lessons(3);
      const result = await store().append(stream, 'noStream', events);

      expect(result).toMatchObject({ streamId: stream, firstVersion: 1, lastVersion: 3 });
      expect(result.duplicate).toBe(false);
      expect(result.positions).toHaveLength(3);
      const positions = result.positions.map(BigInt);
      expect(positions[0]! < positions[1]! && positions[1]! < positions[2]!).toBe(true);

      const stored = await store().readStream(stream);
      expect(stored.map((event) => event.streamVersion)).toEqual([1, 2, 3]);
      expect(stored.map((event) => event.globalPosition)).toEqual(result.positions);
      stored.forEach((event, index) =>
        expect(event).toMatchObject({ ...events[index], streamId: stream }),
      );
    });

    it('stamps one recordedAt, in milliseconds, on the whole batch', async () => {
      const stream = streamId();
      const before = Date.now();
      await store().append(stream, 'noStream', lessons(2));
      const [first, second] = await store().readStream(stream);
      expect(first!.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(second!.recordedAt).toBe(first!.recordedAt);
      expect(Date.parse(first!.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('appends after the version the caller read', async () => {
      const stream = streamId();
      await store().append(stream, 'noStream', lessons(2));
      const result = await store().append(stream, 2, [lessonHeld()]);
      expect(result).toMatchObject({ firstVersion: 3, lastVersion: 3 });
    });

    it('refuses a stale expected version and writes nothing', async () => {
      const stream = streamId();
      await store().append(stream, 'noStream', lessons(2));
      const stale = store().append(stream, 1, [lessonHeld()]);
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(stale).rejects.toMatchObject({
        code: 'EVENT_STORE.WRONG_EXPECTED_VERSION',
        streamId: stream,
        expected: 1,
        actual: 2,
      });
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it("refuses 'noStream' for a stream that exists, and a version for one that does not", async () => {
      const stream = streamId();
      await store().append(stream, 'noStream', [lessonHeld()]);
      await expect(store().append(stream, 'noStream', [lessonHeld()])).rejects.toMatchObject({
        code: 'EVENT_STORE.WRONG_EXPECTED_VERSION',
        actual: 1,
      });
      const missing = streamId();
      await expect(store().append(missing, 3, [lessonHeld()])).rejects.toMatchObject({
        code: 'EVENT_STORE.WRONG_EXPECTED_VERSION',
        actual: 0,
      });
      expect(await store().readStream(stream)).toHaveLength(1);
      expect(await store().readStream(missing)).toEqual([]);
    });

    it("appends with 'any' whatever the stream's version", async () => {
      const stream = streamId();
      expect(await store().append(stream, 'any', [lessonHeld()])).toMatchObject({ lastVersion: 1 });
      expect(await store().append(stream, 'any', lessons(2))).toMatchObject({
        firstVersion: 2,
        lastVersion: 3,
      });
    });

    it('lets exactly one of several concurrent appends at the same version through', async () => {
      const stream = streamId();
      await store().append(stream, 'noStream', [lessonHeld()]);
      const attempts = await Promise.allSettled(
        Array.from({ length: 6 }, () => store().append(stream, 1, lessons(2))),
      );
      const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
      const lost = attempts.flatMap((attempt) =>
        attempt.status === 'rejected' ? [attempt.reason] : [],
      );
      expect(won).toHaveLength(1);
      expect(lost.every((error) => error instanceof WrongExpectedVersionError)).toBe(true);
      expect(await store().readStream(stream)).toHaveLength(3);
    });

    it("concurrent 'any' appends all land, each batch contiguous", async () => {
      const stream = streamId();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => store().append(stream, 'any', lessons(2))),
      );
      const versions = results.flatMap((result) => [result.firstVersion, result.lastVersion]);
      expect(versions.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await store().readStream(stream)).toHaveLength(10);
    });

    it('validates every event against its contract and writes nothing when one fails', async () => {
      const stream = streamId();
      const invalid = { ...lessonHeld(), data: { lessonId: 'lesson-1', pupilName: 'Ivanov' } };
      const attempt = store().append(stream, 'noStream', [lessonHeld(), invalid]);
      await expect(attempt).rejects.toBeInstanceOf(ContractValidationError);
      expect(await store().readStream(stream)).toEqual([]);
    });
  });
}
