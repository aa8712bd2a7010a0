export { AsOfQuery } from './as-of/as-of.query';
export {
  CellHistoryQuery,
  type CellHistoryDto,
  type CellHistoryEntry,
} from './cell-history/cell-history.query';
export type {
  AttendanceStatus,
  Homework,
  Substitution,
  TeacherInterval,
} from './documents/journal-documents';
export { averageOf, roundRatio } from './grid/average';
export { DEFAULT_AVERAGING } from './grid/assemble-grid';
export { GridQuery } from './grid/grid.query';
export type * from './grid/grid.dto';
export { substitutesOn, teachesOn, type JournalHeader } from './journals/journal-header';
export { JournalQuery } from './journals/journal.query';
export { TeacherJournalsQuery } from './journals/teacher-journals.query';
export { JournalProjector, PROJECTION_NAME } from './projector/journal-projector';
export { ProjectionWaiter } from './projector/projection-waiter';
export { ReadModelsModule } from './read-models.module';
export {
  rebuildJournal,
  rebuildReadModels,
  type RebuildDependencies,
} from './rebuild/rebuild-read-models';
