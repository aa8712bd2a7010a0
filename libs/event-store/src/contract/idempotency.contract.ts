import { randomUUID } from 'node:crypto';
import { EventIdConflictError, IdempotencyKeyReusedError } from '../errors';
import type { EventStore, IdempotencyInput } from '../event-store.port';
import { lessonHeld, lessons, streamId } from './test-events';

function idempotencyKey(bodyHash = 'sha256:body-a'): IdempotencyInput {
  return {
    caller: 'teacher-3',
    route: 'POST /journals/:id/lessons',
    key: randomUUID(),
    bodyHash,
    response: { status: 201, body: { lessonId: 'lesson-1' } },
  };
}

export function describeIdempotencyContract(store: () => EventStore): void {
  describe('idempotency by event id', () => {
    it('answers a retry of a whole append with the original positions and writes nothing', async () => {
      const stream = streamId();
      const events = lessons(3);
      const first = await store().append(stream, 'noStream', events);
      await store().append(stream, 3, [lessonHeld()]);

      const retried = await store().append(stream, 'noStream', events);
      const retriedAny = await store().append(stream, 'any', events);
      for (const retry of [retried, retriedAny]) {
        expect(retry).toMatchObject({ firstVersion: 1, lastVersion: 3, duplicate: true });
        expect(retry.positions).toEqual(first.positions);
      }
      expect(await store().readStream(stream)).toHaveLength(4);
    });

    it('refuses an append whose ids partly overlap stored ones and writes nothing', async () => {
      const stream = streamId();
      const [stored, fresh] = [lessonHeld(), lessonHeld()];
      await store().append(stream, 'noStream', [stored!]);
      for (const expected of [1, 'any'] as const) {
        await expect(store().append(stream, expected, [stored!, fresh!])).rejects.toMatchObject({
          code: 'EVENT_STORE.EVENT_ID_CONFLICT',
          eventIds: [stored!.eventId],
        });
      }
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it('refuses ids stored in another stream, and ids repeated within an append', async () => {
      const event = lessonHeld();
      await store().append(streamId(), 'noStream', [event]);
      const other = store().append(streamId(), 'noStream', [event]);
      await expect(other).rejects.toBeInstanceOf(EventIdConflictError);
      const twice = lessonHeld();
      const repeated = store().append(streamId(), 'noStream', [twice, twice]);
      await expect(repeated).rejects.toBeInstanceOf(EventIdConflictError);
    });
  });

  describe('idempotency record', () => {
    it('stores the key with the append and answers its reuse with the stored response', async () => {
      const stream = streamId();
      const key = idempotencyKey();
      const first = await store().append(stream, 'noStream', lessons(2), { idempotency: key });
      expect(first.duplicate).toBe(false);

      // A client retry: the handler decided again, with new event ids and a stale version.
      const again = await store().append(stream, 'noStream', lessons(2), {
        idempotency: { ...key, response: { status: 500 } },
      });
      expect(again).toMatchObject({ duplicate: true, firstVersion: 1, lastVersion: 2 });
      expect(again.positions).toEqual(first.positions);
      expect(again.storedResponse).toEqual(key.response);
      expect(await store().readStream(stream)).toHaveLength(2);

      expect(await store().findIdempotencyRecord(key.caller, key.route, key.key)).toMatchObject({
        bodyHash: key.bodyHash,
        response: key.response,
        streamId: stream,
        firstVersion: 1,
        lastVersion: 2,
        positions: first.positions,
      });
    });

    it('refuses the same key with another body and writes nothing', async () => {
      const stream = streamId();
      const key = idempotencyKey('sha256:body-a');
      await store().append(stream, 'noStream', [lessonHeld()], { idempotency: key });
      const reuse = store().append(stream, 1, [lessonHeld()], {
        idempotency: { ...key, bodyHash: 'sha256:body-b' },
      });
      await expect(reuse).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      await expect(reuse).rejects.toMatchObject({ code: 'EVENT_STORE.IDEMPOTENCY_KEY_REUSED' });
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it('keeps no record of an append that failed', async () => {
      const stream = streamId();
      await store().append(stream, 'noStream', [lessonHeld()]);
      const key = idempotencyKey();
      await expect(
        store().append(stream, 'noStream', [lessonHeld()], { idempotency: key }),
      ).rejects.toMatchObject({ code: 'EVENT_STORE.WRONG_EXPECTED_VERSION' });
      expect(await store().findIdempotencyRecord(key.caller, key.route, key.key)).toBeNull();
    });

    it('scopes a key to its caller and route', async () => {
      const key = idempotencyKey();
      await store().append(streamId(), 'noStream', [lessonHeld()], { idempotency: key });
      const otherCaller = { ...key, caller: 'teacher-4', bodyHash: 'sha256:other' };
      const otherRoute = { ...key, route: 'POST /marks', bodyHash: 'sha256:other' };
      for (const idempotency of [otherCaller, otherRoute]) {
        const result = await store().append(streamId(), 'noStream', [lessonHeld()], {
          idempotency,
        });
        expect(result.duplicate).toBe(false);
      }
    });
  });
}
