import mongoose, { Connection, Schema } from 'mongoose';
import { requireInfra, testMongoUrl } from './index';

interface LessonColumn {
  _id: string;
  journalId: string;
  date: string;
  version: number;
}

const lessonColumnSchema = new Schema<LessonColumn>({
  _id: String,
  journalId: { type: String, required: true },
  date: { type: String, required: true },
  version: { type: Number, required: true },
});
lessonColumnSchema.index({ journalId: 1, date: 1 }, { unique: true });

describe('MongoDB API (FerretDB, real server)', () => {
  let connection: Connection;

  beforeAll(async () => {
    await requireInfra(['MONGO_URL']);
    connection = await mongoose.createConnection(testMongoUrl('mongo smoke').url).asPromise();
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('creates, finds and updates documents on an expected version', async () => {
    const Columns = connection.model('LessonColumn', lessonColumnSchema);
    await Columns.syncIndexes();
    await Columns.create({ _id: 'j1-2026-09-01', journalId: 'j1', date: '2026-09-01', version: 1 });

    const applied = await Columns.updateOne(
      { _id: 'j1-2026-09-01', version: 1 },
      { $set: { version: 2 } },
    );
    const stale = await Columns.updateOne(
      { _id: 'j1-2026-09-01', version: 1 },
      { $set: { version: 3 } },
    );
    expect(applied.modifiedCount).toBe(1);
    expect(stale.modifiedCount).toBe(0);
    expect(await Columns.findById('j1-2026-09-01').lean()).toMatchObject({ version: 2 });
  });

  it('enforces a unique index', async () => {
    const Columns = connection.model('LessonColumn', lessonColumnSchema);
    await Columns.syncIndexes();
    await Columns.create({ _id: 'j2-a', journalId: 'j2', date: '2026-09-02', version: 1 });
    await expect(
      Columns.create({ _id: 'j2-b', journalId: 'j2', date: '2026-09-02', version: 1 }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(await Columns.countDocuments({ journalId: 'j2' })).toBe(1);
  });
});
