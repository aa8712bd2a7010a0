import 'reflect-metadata';
import { loadConfig } from '@ejournal/config';
import { journalStreamId } from '@ejournal/contracts';
import mongoose from 'mongoose';
import { journalConfigSchema, type JournalConfig } from '../../config';
import { openJournalDatabase } from '../../infrastructure/journal-database';
import { openCompletionModels } from '../../planning/completion/completion-documents';
import { pauseCompletion, rebuildCompletion } from '../../planning/completion/completion-rebuild';
import { openReadModels } from '../documents/read-model-schemas';
import { PROJECTION_NAME } from '../projector/projection-name';
import { pauseProjection } from '../projector/projection-pause';
import { progressBar } from './progress-bar';
import { rebuildAside } from './rebuild-aside';
import { rebuildJournal } from './rebuild-read-models';

/**
 * The operator's command, with the service's environment (DATABASE_URL, MONGO_URL,
 * READ_STORE_POSTGRES_URL, ...):
 *   node dist/services/journal/src/read-models/rebuild/rebuild-read-models.cli.js [journalId]
 * It pauses the projection on every replica (reads go on), then without a journal id rebuilds
 * every journal read model aside and switches them in (rebuildAside), with a progress bar on
 * stderr, then recomputes programme completion's documents (rebuildCompletion, its projection
 * paused as well); with one, rebuilds only that journal in place. The projection resumes at
 * the end.
 */
async function main(journalId: string | undefined): Promise<string> {
  const config = loadConfig(journalConfigSchema);
  const database = await openJournalDatabase(config.DATABASE_URL, config.DATABASE_APP_PASSWORD);
  const connection = await mongoose.createConnection(config.MONGO_URL).asPromise();
  try {
    process.stderr.write('pausing the projection (the projecting replica gives up its lease)\n');
    const paused = await pauseProjection(database.appUrl);
    try {
      if (journalId !== undefined) {
        const { models } = await openReadModels(connection, config.READ_STORE_POSTGRES_URL);
        const version = await rebuildJournal(
          { store: database.store, models },
          journalStreamId(journalId),
        );
        return `rebuilt journal ${journalId} up to version ${version}`;
      }
      const bar = progressBar(process.stderr);
      const report = await rebuildAside({
        store: database.store,
        connection,
        postgresUrl: config.READ_STORE_POSTGRES_URL,
        subscription: PROJECTION_NAME,
        onProgress: bar.update,
      });
      bar.done();
      const seconds = report.seconds.toFixed(1);
      const completion = await rebuildCompletionWhilePaused(database, connection, config);
      return (
        `rebuilt the read models of ${report.journals} journals from ${report.events} events ` +
        `(${report.documents} documents) in ${seconds} s (indexes ${report.indexSeconds.toFixed(1)} s); ` +
        `switched in ${Math.round(report.switchMs)} ms; ` +
        `completion of ${completion.journals} journals and ${completion.schools} school years`
      );
    } finally {
      await paused.resume();
    }
  } finally {
    await connection.close();
    await database.close();
  }
}

/** Programme completion recomputed from the rebuilt read models, its projection paused too. */
async function rebuildCompletionWhilePaused(
  database: Awaited<ReturnType<typeof openJournalDatabase>>,
  connection: mongoose.Connection,
  config: JournalConfig,
) {
  process.stderr.write('recomputing programme completion (its projection paused)\n');
  const paused = await pauseCompletion(database.appUrl);
  try {
    const postgresUrl = config.READ_STORE_POSTGRES_URL;
    const [{ models: journalModels }, models] = await Promise.all([
      openReadModels(connection, postgresUrl),
      openCompletionModels(connection, postgresUrl),
    ]);
    const { store, pool } = database;
    return await rebuildCompletion({ store, pool, models, journalModels });
  } finally {
    await paused.resume();
  }
}

main(process.argv[2]).then(
  (report) => process.stdout.write(`${report}\n`),
  (error: unknown) => {
    process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  },
);
