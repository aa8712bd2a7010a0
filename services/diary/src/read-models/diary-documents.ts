import { readModelFields } from '@ejournal/messaging';
import { ensureLookups, type LookupKeys } from '@ejournal/read-store';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Schema, type Connection, type Model } from 'mongoose';
import type { DiaryConfig } from '../config';
import { DIARY_CONFIG, MONGO } from '../infrastructure/tokens';
import type { MarksDocument } from './marks-document';
import type { WeekDay, WeekDocument } from './week-document';

/** A week document as stored: its days packed (`writeWeek`), or an array as written before. */
type StoredWeek = Omit<WeekDocument, 'days'> & { days: string | WeekDay[] };

type Fields = Record<string, unknown>;

// Documents are written whole by the document writer (replaceOne by _id), so the schema only
// names the key and the bookkeeping; the shapes are WeekDocument and MarksDocument.
const schema = () =>
  new Schema<Fields>({ _id: String, ...readModelFields }, { strict: false, versionKey: false });

const modelOf = (connection: Connection, name: string, collection: string) =>
  (connection.models[name] ?? connection.model(name, schema(), collection)) as Model<Fields>;

/** Both are read by `_id` only. */
export const DIARY_LOOKUPS: readonly LookupKeys[] = [
  { collection: 'diary_weeks', keys: [] },
  { collection: 'diary_marks', keys: [] },
];

/**
 * The diary's read store: `diary_weeks` (`_id` = `pupilId|2026-W37`) and `diary_marks`
 * (`_id` = `pupilId|2026/2027`), each fetched by `_id` only. FerretDB 1.24 serves even an `_id`
 * filter with a scan unless the lookup index of `@ejournal/read-store` is there: it is made at
 * start (on MongoDB the `_id` index serves).
 */
@Injectable()
export class DiaryDocuments implements OnModuleInit {
  readonly weeks: Model<Fields>;
  readonly marks: Model<Fields>;

  constructor(
    @Inject(MONGO) private readonly connection: Connection,
    @Inject(DIARY_CONFIG) private readonly config: DiaryConfig,
  ) {
    this.weeks = modelOf(connection, 'DiaryWeek', 'diary_weeks');
    this.marks = modelOf(connection, 'DiaryMarks', 'diary_marks');
  }

  async onModuleInit(): Promise<void> {
    const postgresUrl = this.config.READ_STORE_POSTGRES_URL;
    const lookups = await ensureLookups(this.connection, DIARY_LOOKUPS, { postgresUrl });
    if (lookups.planCacheMode === 'missing') {
      new Logger('diary-read-models').warn({
        message: 'READ_STORE_POSTGRES_URL is not set: on FerretDB 1.x every lookup scans',
      });
    }
  }

  models(): Model<Fields>[] {
    return [this.weeks, this.marks];
  }

  /** A week as stored: its days packed in one string (see `writeWeek`), or as written before. */
  async week(id: string): Promise<WeekDocument | null> {
    const stored = await this.weeks.findById(id).lean<StoredWeek | null>();
    if (!stored) return null;
    const days =
      typeof stored.days === 'string' ? (JSON.parse(stored.days) as WeekDay[]) : stored.days;
    return { ...stored, days };
  }

  /**
   * Writes a week with its days packed into one JSON string: FerretDB 1.x converts every
   * field of a document on each read, so an `_id` lookup of a 2 KB week took a p50 of 3.9 ms
   * one at a time and served about 220 lookups/s 8 at a time, packed 1.0 ms and 900/s (load
   * 5–6). Only `_id` is ever filtered on; `versions` and `quarantine` stay fields (the
   * quarantine updates them).
   */
  async writeWeek(week: WeekDocument): Promise<void> {
    const packed: StoredWeek = { ...week, days: JSON.stringify(week.days) };
    await this.write(this.weeks, packed);
  }

  async marksOf(id: string): Promise<MarksDocument | null> {
    return this.marks.findById(id).lean<MarksDocument | null>();
  }

  async write(model: Model<Fields>, document: { _id: string }): Promise<void> {
    await model.collection.replaceOne({ _id: document._id } as never, document, { upsert: true });
  }
}
