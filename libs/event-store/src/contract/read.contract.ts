import {
  START,
  type EventStore,
  type GlobalCheckpoint,
  type GlobalEntry,
} from '../event-store.port';
import {
  eventually,
  lessonHeld,
  lessons,
  markRecordedV1,
  streamId,
  uniqueCategory,
} from './test-events';

async function readAllPages(
  read: (from: GlobalCheckpoint) => Promise<{ entries: GlobalEntry[]; next: GlobalCheckpoint }>,
): Promise<GlobalEntry[]> {
  const seen: GlobalEntry[] = [];
  let from = START;
  for (;;) {
    const page = await read(from);
    if (page.entries.length === 0) return seen;
    seen.push(...page.entries);
    from = page.next;
  }
}

export function describeReadContract(store: () => EventStore): void {
  describe('streamVersions', () => {
    it('answers the last version of each stream in one call, leaving out streams without events', async () => {
      const [five, two, none] = [streamId(), streamId(), streamId()];
      await store().append(five, 'noStream', lessons(3));
      await store().append(two, 'noStream', lessons(2));
      await store().append(five, 3, lessons(2));
      const versions = await store().streamVersions([five, two, none, five]);
      expect([...versions.entries()].sort()).toEqual(
        [
          [five, 5],
          [two, 2],
        ].sort(),
      );
      expect(await store().streamVersions([])).toEqual(new Map());
      await store().append(two, 2, lessons(1));
      expect((await store().streamVersions([two])).get(two)).toBe(3);
    });
  });

  describe('readStream', () => {
    let stream: string;
    beforeAll(async () => {
      stream = streamId();
      await store().append(stream, 'noStream', lessons(5));
    });
    const versions = (events: { streamVersion: number }[]) => events.map((e) => e.streamVersion);

    it('reads forwards from a version, up to a limit', async () => {
      expect(versions(await store().readStream(stream))).toEqual([1, 2, 3, 4, 5]);
      expect(versions(await store().readStream(stream, { from: 3 }))).toEqual([3, 4, 5]);
      expect(versions(await store().readStream(stream, { from: 2, limit: 2 }))).toEqual([2, 3]);
    });

    it('reads backwards from the end or from a version', async () => {
      const backwards = { direction: 'backwards' } as const;
      expect(versions(await store().readStream(stream, backwards))).toEqual([5, 4, 3, 2, 1]);
      expect(versions(await store().readStream(stream, { ...backwards, limit: 1 }))).toEqual([5]);
      expect(versions(await store().readStream(stream, { ...backwards, from: 3 }))).toEqual([
        3, 2, 1,
      ]);
    });

    it('reads nothing from a stream that does not exist or past its end', async () => {
      expect(await store().readStream(streamId())).toEqual([]);
      expect(await store().readStream(stream, { from: 6 })).toEqual([]);
    });

    it('upcasts events written in an older schema version', async () => {
      const marks = streamId();
      await store().append(marks, 'noStream', [markRecordedV1()]);
      const [mark] = await store().readStream(marks);
      expect(mark).toMatchObject({ type: 'MarkRecorded', schemaVersion: 2 });
      expect(mark!.data).toMatchObject({ value: '5', workType: 'classwork', weight: 1 });
    });
  });

  describe('readAll and readCategory', () => {
    it('read every event once, in the order the appends committed, page after page', async () => {
      const [a, b] = [streamId(), streamId()];
      const appended = [
        await store().append(a, 'noStream', lessons(2)),
        await store().append(b, 'noStream', lessons(3)),
        await store().append(a, 2, lessons(1)),
      ].flatMap((result) => result.positions);

      // Eventually: a transaction running elsewhere in the cluster may hold the horizon back.
      await eventually(async () => {
        const all = await readAllPages((from) => store().readAll(from, { limit: 2 }));
        const ours = all.filter((entry) => [a, b].includes(entry.event.streamId));
        expect(ours.map((entry) => entry.event.globalPosition)).toEqual(appended);
        const positions = all.map((entry) => entry.event.globalPosition);
        expect(new Set(positions).size).toBe(positions.length);
      });
    });

    it('continues after a checkpoint with only what came later', async () => {
      const marker = await store().append(streamId(), 'noStream', [lessonHeld()]);
      let before = START;
      await eventually(async () => {
        const all = await readAllPages((from) => store().readAll(from));
        expect(all.at(-1)?.event.globalPosition).toBe(marker.positions[0]);
        before = all.at(-1)!.checkpoint;
      });
      const result = await store().append(streamId(), 'noStream', lessons(2));
      await eventually(async () => {
        const page = await store().readAll(before);
        expect(page.entries.map((entry) => entry.event.globalPosition)).toEqual(result.positions);
        expect(page.next).toEqual(page.entries.at(-1)!.checkpoint);
        expect((await store().readAll(page.next)).entries).toEqual([]);
      });
    });

    it('reads one category in order and nothing else', async () => {
      const category = uniqueCategory();
      const [first, second] = [streamId(category), streamId(category)];
      await store().append(streamId(), 'noStream', [lessonHeld()]);
      const appended = [
        await store().append(first, 'noStream', lessons(2)),
        await store().append(streamId(uniqueCategory()), 'noStream', [lessonHeld()]),
        await store().append(second, 'noStream', lessons(1)),
      ];
      await eventually(async () => {
        const read = await readAllPages((from) =>
          store().readCategory(category, from, { limit: 2 }),
        );
        expect(read.map((entry) => entry.event.globalPosition)).toEqual([
          ...appended[0]!.positions,
          ...appended[2]!.positions,
        ]);
      });
    });
  });

  describe('what a rebuild needs', () => {
    it('lists a category’s streams, finds where its safe order ends, and moves a checkpoint', async () => {
      const category = uniqueCategory();
      expect(await store().listStreams(category)).toEqual([]);
      expect(await store().categoryHead(category)).toEqual(START);
      const [first, second] = [streamId(category), streamId(category)];
      await store().append(first, 'noStream', lessons(2));
      const last = await store().append(second, 'noStream', lessons(1));
      await store().append(streamId(uniqueCategory()), 'noStream', [lessonHeld()]);
      expect(await store().listStreams(category)).toEqual([first, second].sort());
      await eventually(async () => {
        const head = await store().categoryHead(category);
        const read = await readAllPages((from) => store().readCategory(category, from));
        expect(read.at(-1)?.event.globalPosition).toBe(last.positions[0]);
        expect(head).toEqual(read.at(-1)?.checkpoint);
        expect((await store().readCategory(category, head)).entries).toEqual([]);
      });
      const name = `rebuilt-${category}`;
      const head = await store().categoryHead(category);
      await store().saveSubscriptionCheckpoint(name, head);
      const seen: string[] = [];
      const subscription = store().subscribe({
        name,
        category,
        handler: async (event) => {
          seen.push(event.streamId);
        },
      });
      const later = streamId(category);
      await store().append(later, 'noStream', [lessonHeld()]);
      await eventually(async () => expect(seen).toEqual([later]));
      await subscription.stop();
    });
  });

  describe('snapshots', () => {
    it('loads the newest snapshot with the version it includes', async () => {
      const stream = streamId();
      await store().append(stream, 'noStream', lessons(4));
      expect(await store().loadSnapshot(stream)).toBeNull();
      await store().saveSnapshot(stream, 3, { lessons: 3 });
      await store().saveSnapshot(stream, 2, { lessons: 2 });
      expect(await store().loadSnapshot(stream)).toEqual({
        streamId: stream,
        version: 3,
        state: { lessons: 3 },
      });
    });

    it('refuses a snapshot of a version the stream does not have', async () => {
      const stream = streamId();
      await store().append(stream, 'noStream', lessons(1));
      await expect(store().saveSnapshot(stream, 2, {})).rejects.toMatchObject({
        code: 'EVENT_STORE.INVALID_ARGUMENT',
      });
    });
  });
}
