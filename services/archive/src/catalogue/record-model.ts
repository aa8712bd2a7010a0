import { readModelFields } from '@ejournal/messaging';
import { ensureLookups, type LookupKeys, type LookupsReport } from '@ejournal/read-store';
import { Schema, type Connection, type Model } from 'mongoose';
import type { RecordDocument } from './record-document';

const nullable = <T>(type: T) => ({ type, default: null });
const part = (definition: Record<string, unknown>) => new Schema(definition, { _id: false });

const action = part({
  action: String,
  eventType: String,
  eventId: String,
  streamVersion: Number,
  at: String,
  by: String,
  role: String,
  onBehalfOf: nullable(String),
  authorisedBy: nullable(String),
  orderRef: nullable(String),
  reason: nullable(String),
});

// Unknown paths throw instead of vanishing, so the projection and its schema cannot drift.
const recordSchema = new Schema<RecordDocument>(
  {
    _id: String,
    identifier: String,
    kind: String,
    title: String,
    regionId: String,
    schoolId: String,
    academicYear: String,
    startYear: Number,
    activityKind: String,
    subjectId: nullable(String),
    groupId: nullable(String),
    classId: nullable(String),
    streamId: String,
    dates: part({ created: String, lastChanged: String, sealed: nullable(String) }),
    retention: part({
      retentionClass: String,
      years: Number,
      countedFrom: String,
      dispositionDate: String,
    }),
    status: String,
    contentHash: part({ algorithm: String, value: nullable(String), streamVersion: Number }),
    signatures: {
      type: [
        part({
          signedBy: String,
          role: String,
          at: String,
          algorithm: String,
          documentRef: String,
          signatureRef: String,
          countersigns: nullable(String),
          certificateSha256: String,
          timestampTime: nullable(String),
        }),
      ],
      default: undefined,
    },
    document: {
      type: part({
        ref: String,
        size: Number,
        contentType: String,
        sourceVersion: Number,
        producedAt: String,
        signatureRef: nullable(String),
      }),
      default: undefined,
    },
    actions: { type: [action], default: undefined },
    ...readModelFields,
  },
  { collection: 'records', versionKey: false, strict: 'throw' },
);

/**
 * Every equality filter of the catalogue: `_id` (a record), and a school's records of a year
 * (`schoolId` and `startYear`, both equality: FerretDB 1.x pushes down nothing else).
 */
export const CATALOGUE_LOOKUPS: readonly LookupKeys[] = [
  { collection: 'records', keys: ['schoolId', 'startYear'] },
];

export const RECORDS = Symbol('RECORDS');
export type RecordModel = Model<RecordDocument>;

export async function openRecords(
  connection: Connection,
  postgresUrl?: string,
): Promise<{ records: RecordModel; lookups: LookupsReport }> {
  const records = connection.model<RecordDocument>('Record', recordSchema);
  await records.init();
  const lookups = await ensureLookups(connection, CATALOGUE_LOOKUPS, { postgresUrl });
  return { records, lookups };
}
