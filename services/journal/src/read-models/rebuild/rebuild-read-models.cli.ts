import 'reflect-metadata';
import { loadConfig } from '@ejournal/config';
import { journalStreamId } from '@ejournal/contracts';
import mongoose from 'mongoose';
import { journalConfigSchema } from '../../config';
import { openJournalDatabase } from '../../infrastructure/journal-database';
import { openReadModels } from '../documents/read-model-schemas';
import { rebuildJournal, rebuildReadModels } from './rebuild-read-models';

/**
 * The operator's command, with the service's environment (DATABASE_URL, MONGO_URL, ...):
 *   node dist/services/journal/src/read-models/rebuild/rebuild-read-models.cli.js [journalId]
 * Without a journal id every journal read model is dropped and rebuilt (stop the service's
 * projector first); with one, only that journal is.
 */
async function main(journalId: string | undefined): Promise<string> {
  const config = loadConfig(journalConfigSchema);
  const database = await openJournalDatabase(config.DATABASE_URL, config.DATABASE_APP_PASSWORD);
  const connection = await mongoose.createConnection(config.MONGO_URL).asPromise();
  try {
    const deps = { store: database.store, models: await openReadModels(connection) };
    if (journalId === undefined) {
      const { journals } = await rebuildReadModels(deps);
      return `rebuilt the read models of ${journals} journals`;
    }
    const version = await rebuildJournal(deps, journalStreamId(journalId));
    return `rebuilt journal ${journalId} up to version ${version}`;
  } finally {
    await connection.close();
    await database.close();
  }
}

main(process.argv[2]).then(
  (report) => process.stdout.write(`${report}\n`),
  (error: unknown) => {
    process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  },
);
