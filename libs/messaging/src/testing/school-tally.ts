import type { RecordedEvent } from '@ejournal/contracts';
import { Schema, type Connection, type Model } from 'mongoose';
import { applyOnce, type ApplyResult } from '../read-model/apply-once';
import { readModelFields } from '../read-model/version-key';

/** A tiny read model for the tests: how many events each school's journals recorded. */
export interface SchoolTally {
  _id: string;
  events: number;
  /** Plain objects as `lean()` reads them (mongoose Maps when hydrated). */
  versions: Record<string, number>;
  quarantine?: Record<string, string>;
}

const schema = new Schema<SchoolTally>(
  { _id: String, events: { type: Number, default: 0 }, ...readModelFields },
  { versionKey: false },
);

export function schoolTallyModel(connection: Connection): Model<SchoolTally> {
  return connection.model<SchoolTally>('SchoolTally', schema, 'school_tallies');
}

/** One document per school, built from every journal stream of the school. */
export function projectIntoTally(
  model: Model<SchoolTally>,
  event: RecordedEvent,
): Promise<ApplyResult> {
  const school = event.tenant.schoolId ?? event.tenant.regionId;
  return applyOnce(model, school, event, { $inc: { events: 1 } });
}

export async function tallyTotals(model: Model<SchoolTally>) {
  const documents = await model.find().lean();
  return {
    events: documents.reduce((sum, document) => sum + document.events, 0),
    versions: Object.assign({}, ...documents.map((document) => document.versions)) as Record<
      string,
      number
    >,
    quarantined: documents.filter((document) => Object.keys(document.quarantine ?? {}).length > 0)
      .length,
  };
}
