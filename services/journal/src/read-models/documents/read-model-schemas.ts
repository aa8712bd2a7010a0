import { readModelFields } from '@ejournal/messaging';
import { ensureLookups, type LookupKeys, type LookupsReport } from '@ejournal/read-store';
import { Schema, type Connection, type SchemaDefinition } from 'mongoose';
import type { ReadModelCollection } from '../projection/project';
import type { ColumnDocument } from './column-codec';
import type { HistoryDocument } from './history-codec';
import type { JournalState, MarkCellState, TeacherJournalsState } from './journal-documents';
import { ReadModel } from './read-model';

export interface JournalReadModels {
  journals: ReadModel<JournalState>;
  /** Cells encoded: read through `decodeColumn`, written through `encodeColumnFields`. */
  columns: ReadModel<ColumnDocument>;
  /** Entries encoded: read through `decodeHistory`, written through `encodeHistoryFields`. */
  histories: ReadModel<HistoryDocument>;
  markCells: ReadModel<MarkCellState>;
  teacherJournals: ReadModel<TeacherJournalsState>;
}

/** Any of them, for code that treats the collections alike. */
export type AnyReadModel = ReadModel<{ _id: string }>;

export const READ_MODELS = Symbol('JOURNAL_READ_MODELS');

const nullable = <T>(type: T) => ({ type, default: null });
const list = <T>(type: T) => ({ type: [type], default: undefined });
const part = (definition: SchemaDefinition): Schema<Record<string, unknown>> =>
  new Schema<Record<string, unknown>>(definition, { _id: false });

// Unknown paths throw instead of vanishing, so a projection and its schema cannot drift apart.
const document = (
  definition: SchemaDefinition,
  collection: string,
): Schema<Record<string, unknown>> =>
  new Schema<Record<string, unknown>>(
    { _id: String, ...definition, ...readModelFields },
    { collection, versionKey: false, strict: 'throw' },
  );

const journalSchema = document(
  {
    regionId: String,
    schoolId: String,
    academicYear: String,
    groupId: String,
    kind: String,
    subjectId: nullable(String),
    scale: String,
    teachers: list(part({ teacherId: String, fromDate: String, toDate: nullable(String) })),
    substitutes: list(part({ teacherId: String, date: String, slot: Number })),
    closedPeriods: list(Number),
    sealed: Boolean,
    lessonCount: Number,
  },
  'journals',
);

const columnSchema = document(
  {
    journalId: String,
    lessonId: String,
    date: String,
    slot: Number,
    topic: String,
    homework: nullable(part({ text: String, dueDate: String })),
    voided: Boolean,
    // JSON of the CellState[]: see column-codec.
    cells: String,
  },
  'grid_columns',
);

const historySchema = document(
  {
    journalId: String,
    lessonId: String,
    // JSON of the LessonHistoryEntry[]: see history-codec.
    entries: String,
  },
  'cell_history',
);

const markCellSchema = document(
  { journalId: String, lessonId: String, pupilId: String },
  'mark_cells',
);

const teacherJournalsSchema = document({ journalIds: list(String) }, 'teacher_journals');

/** The journal's read models on a connection (indexes are built by `openReadModels`). */
export function journalReadModels(connection: Connection): JournalReadModels {
  return {
    journals: new ReadModel(connection, 'JournalHeader', journalSchema),
    columns: new ReadModel(connection, 'GridColumn', columnSchema),
    histories: new ReadModel(connection, 'CellHistory', historySchema),
    markCells: new ReadModel(connection, 'MarkCell', markCellSchema),
    teacherJournals: new ReadModel(connection, 'TeacherJournals', teacherJournalsSchema),
  };
}

/**
 * Every equality filter the journal's reads and writes use: `_id` of each collection,
 * `journalId` (the grid's columns; a journal's documents dropped for its rebuild), and a
 * school's journals by `schoolId` (planning's imports and completion reports).
 */
export const JOURNAL_LOOKUPS: readonly LookupKeys[] = [
  { collection: 'journals', keys: ['schoolId'] },
  { collection: 'grid_columns', keys: ['journalId'] },
  { collection: 'cell_history', keys: ['journalId'] },
  { collection: 'mark_cells', keys: ['journalId'] },
  { collection: 'teacher_journals', keys: [] },
];

export interface OpenedReadModels {
  models: JournalReadModels;
  lookups: LookupsReport;
}

/**
 * The read models with every lookup served by an index (`ensureLookups`: MongoDB indexes, or
 * GIN indexes on FerretDB's tables through `postgresUrl`, FerretDB's PostgreSQL database).
 */
export async function openReadModels(
  connection: Connection,
  postgresUrl?: string,
): Promise<OpenedReadModels> {
  const models = journalReadModels(connection);
  await Promise.all(allModels(models).map((each) => each.model.init()));
  const lookups = await ensureLookups(connection, JOURNAL_LOOKUPS, { postgresUrl });
  return { models, lookups };
}

export function modelOf(models: JournalReadModels, collection: ReadModelCollection): AnyReadModel {
  const byCollection: Record<ReadModelCollection, AnyReadModel> = {
    journals: models.journals,
    grid_columns: models.columns,
    cell_history: models.histories,
    mark_cells: models.markCells,
    teacher_journals: models.teacherJournals,
  };
  return byCollection[collection];
}

export function allModels(models: JournalReadModels): AnyReadModel[] {
  return [
    models.journals,
    models.columns,
    models.histories,
    models.markCells,
    models.teacherJournals,
  ];
}
