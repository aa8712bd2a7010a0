import { readModelFields } from '@ejournal/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { Schema, type Connection, type Model } from 'mongoose';
import { MONGO } from '../infrastructure/tokens';
import type { MarksDocument } from './marks-document';
import type { WeekDocument } from './week-document';

type Fields = Record<string, unknown>;

// Documents are written whole by the document writer (replaceOne by _id), so the schema only
// names the key and the bookkeeping; the shapes are WeekDocument and MarksDocument.
const schema = () =>
  new Schema<Fields>({ _id: String, ...readModelFields }, { strict: false, versionKey: false });

const modelOf = (connection: Connection, name: string, collection: string) =>
  (connection.models[name] ?? connection.model(name, schema(), collection)) as Model<Fields>;

/**
 * The diary's read store: `diary_weeks` (`_id` = `pupilId|2026-W37`) and `diary_marks`
 * (`_id` = `pupilId|2026/2027`), each fetched by `_id` only: the one filter FerretDB 1.24
 * serves from an index.
 */
@Injectable()
export class DiaryDocuments {
  readonly weeks: Model<Fields>;
  readonly marks: Model<Fields>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.weeks = modelOf(connection, 'DiaryWeek', 'diary_weeks');
    this.marks = modelOf(connection, 'DiaryMarks', 'diary_marks');
  }

  models(): Model<Fields>[] {
    return [this.weeks, this.marks];
  }

  async week(id: string): Promise<WeekDocument | null> {
    return this.weeks.findById(id).lean<WeekDocument | null>();
  }

  async marksOf(id: string): Promise<MarksDocument | null> {
    return this.marks.findById(id).lean<MarksDocument | null>();
  }

  async write(model: Model<Fields>, document: { _id: string }): Promise<void> {
    await model.collection.replaceOne({ _id: document._id } as never, document, { upsert: true });
  }
}
