import { ensureLookups, type LookupKeys } from '@ejournal/read-store';
import { Schema, type Connection, type SchemaDefinition } from 'mongoose';
import { ReadModel } from '../../read-models/documents/read-model';
import type { StoredSeries } from './series-codec';

/**
 * A journal's completion kept by the projection (CompletionProjector): its series over the
 * year and where its figures go (class, teachers, school, region).
 */
// A type, not an interface: the driver's writes take any object with an `_id`.
export type JournalCompletionDocument = {
  _id: string;
  regionId: string;
  schoolId: string;
  academicYear: string;
  /** The class (or group) its figures are summed into. */
  groupId: string;
  subjectId: string | null;
  teacherIds: string[];
  /** The calendar and time zone the series were computed with (a change is seen on read). */
  basis: string;
  /** The versions of its streams the series include: journal, planning, thematic plan. */
  sources: { journal: number; planning: number; thematic: number };
  series: StoredSeries;
};

/** A school year's completion: the sum of its journals' series, one small document. */
export interface SchoolCompletionDocument {
  /** `{schoolId}|{academicYear}` */
  _id: string;
  regionId: string;
  schoolId: string;
  academicYear: string;
  /** The one basis of its journals' series; `mixed` while some were computed with another. */
  basis: string;
  journals: number;
  series: StoredSeries;
}

export interface CompletionModels {
  journals: ReadModel<JournalCompletionDocument>;
  schools: ReadModel<SchoolCompletionDocument>;
}

export const COMPLETION_MODELS = Symbol('COMPLETION_MODELS');

export const schoolCompletionId = (schoolId: string, academicYear: string) =>
  `${schoolId}|${academicYear}`;

const part = (definition: SchemaDefinition) => new Schema(definition, { _id: false });
const seriesPart = () => part({ origin: String, length: Number, counters: String, late: String });
const document = (definition: SchemaDefinition, collection: string) =>
  new Schema<Record<string, unknown>>(
    { _id: String, ...definition },
    { collection, versionKey: false, strict: 'throw' },
  );

const journalSchema = document(
  {
    regionId: String,
    schoolId: String,
    academicYear: String,
    groupId: String,
    subjectId: { type: String, default: null },
    teacherIds: { type: [String], default: undefined },
    basis: String,
    sources: part({ journal: Number, planning: Number, thematic: Number }),
    series: seriesPart(),
  },
  'completion_journals',
);

const schoolSchema = document(
  {
    regionId: String,
    schoolId: String,
    academicYear: String,
    basis: String,
    journals: Number,
    series: seriesPart(),
  },
  'completion_schools',
);

/** A school's journals by `schoolId`; a region's schools by `regionId`: equality keys only. */
export const COMPLETION_LOOKUPS: readonly LookupKeys[] = [
  { collection: 'completion_journals', keys: ['schoolId'] },
  { collection: 'completion_schools', keys: ['regionId'] },
];

export async function openCompletionModels(
  connection: Connection,
  postgresUrl?: string,
): Promise<CompletionModels> {
  const models = {
    journals: new ReadModel<JournalCompletionDocument>(
      connection,
      'JournalCompletion',
      journalSchema,
    ),
    schools: new ReadModel<SchoolCompletionDocument>(connection, 'SchoolCompletion', schoolSchema),
  };
  await Promise.all([models.journals.model.init(), models.schools.model.init()]);
  await ensureLookups(connection, COMPLETION_LOOKUPS, { postgresUrl });
  return models;
}
