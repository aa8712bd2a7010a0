import { requireInfra, testMongoUrl } from '@ejournal/testing';
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { ReadModelGapError } from '../errors';
import { applyOnce } from './apply-once';
import { quarantineStream, releaseQuarantine } from './quarantine';
import { readModelFields, versionKey } from './version-key';

interface PupilMarks {
  _id: string;
  marks: number;
  versions: Record<string, number>;
  quarantine?: Record<string, string>;
}

const schema = new Schema<PupilMarks>(
  { _id: String, marks: { type: Number, default: 0 }, ...readModelFields },
  { versionKey: false },
);

describe('applyOnce (real MongoDB API)', () => {
  let connection: Connection;
  let model: Model<PupilMarks>;
  const mark = (id: string, streamId: string, streamVersion: number) =>
    applyOnce(model, id, { streamId, streamVersion }, { $inc: { marks: 1 } });
  const read = (id: string) => model.findById(id).lean();

  beforeAll(async () => {
    await requireInfra(['MONGO_URL']);
    connection = await mongoose.createConnection(testMongoUrl('apply once').url).asPromise();
    model = connection.model<PupilMarks>('PupilMarks', schema);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('is idempotent when run twice, per source stream', async () => {
    const events = [
      ['journal-math', 1],
      ['journal-math', 2],
      ['journal-physics.7b', 1],
      ['journal-math', 3],
      ['journal-physics.7b', 2],
    ] as const;
    const first = [];
    for (const [stream, version] of events) first.push(await mark('pupil-1', stream, version));
    const second = [];
    for (const [stream, version] of events) second.push(await mark('pupil-1', stream, version));

    expect(first).toEqual(Array(5).fill('applied'));
    expect(second).toEqual(Array(5).fill('duplicate'));
    expect(await read('pupil-1')).toEqual({
      _id: 'pupil-1',
      marks: 5,
      versions: { 'journal-math': 3, 'journal-physics%2E7b': 2 },
    });
  });

  it('refuses a gap in a stream it folds entirely', async () => {
    await mark('pupil-2', 'journal-math', 1);
    const gap = mark('pupil-2', 'journal-math', 3);
    await expect(gap).rejects.toBeInstanceOf(ReadModelGapError);
    await expect(gap).rejects.toMatchObject({
      code: 'MESSAGING.READ_MODEL_GAP',
      appliedVersion: 1,
    });
    expect((await read('pupil-2'))?.marks).toBe(1);
  });

  it('applies any newer version of a stream it folds in part (monotonic)', async () => {
    const some = (version: number) =>
      applyOnce(
        model,
        'pupil-3',
        { streamId: 'journal-math', streamVersion: version },
        { $inc: { marks: 1 } },
        { order: 'monotonic' },
      );
    expect([await some(4), await some(9), await some(7), await some(9)]).toEqual([
      'applied',
      'applied',
      'duplicate',
      'duplicate',
    ]);
    expect((await read('pupil-3'))?.marks).toBe(2);
  });

  it('counts every event once when many streams write one document at once', async () => {
    const streams = Array.from({ length: 8 }, (_, index) => `journal-s${index}`);
    await Promise.all(
      streams.map(async (stream) => {
        for (let version = 1; version <= 25; version += 1) await mark('pupil-4', stream, version);
      }),
    );
    const document = await read('pupil-4');
    expect(document?.marks).toBe(200);
    expect(Object.values(document?.versions ?? {})).toEqual(Array(8).fill(25));
  });

  it('quarantines the documents a stream touched and releases them', async () => {
    await mark('pupil-5', 'journal-poisoned', 1);
    await mark('pupil-6', 'journal-poisoned', 1);
    await mark('pupil-7', 'journal-healthy', 1);
    expect(await quarantineStream(model, 'journal-poisoned', 'MESSAGING.HANDLER_FAILED')).toBe(2);
    const key = versionKey('journal-poisoned');
    expect((await read('pupil-5'))?.quarantine).toEqual({ [key]: 'MESSAGING.HANDLER_FAILED' });
    expect((await read('pupil-7'))?.quarantine).toBeUndefined();
    await releaseQuarantine(model, 'journal-poisoned');
    expect((await read('pupil-5'))?.quarantine).toEqual({});
  });
});
