export { JournalProjector, PROJECTION_NAME } from './projector/journal-projector';
export { ProjectionWaiter } from './projector/projection-waiter';
export { ReadModelsModule } from './read-models.module';
export { rebuildJournal, type RebuildDependencies } from './rebuild/rebuild-read-models';
export { rebuildAside, type AsideReport } from './rebuild/rebuild-aside';
