import 'reflect-metadata';
import { loadConfig } from '@ejournal/config';
import { startService } from '@ejournal/http';
import { AppModule } from './app.module';
import { journalConfigSchema } from './config';
import { configureJournalApp } from './openapi';

async function main(): Promise<void> {
  const config = loadConfig(journalConfigSchema);
  await startService(AppModule.forConfig(config), {
    name: 'journal',
    host: config.HOST,
    port: config.PORT,
    logLevel: config.LOG_LEVEL,
    configure: configureJournalApp,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `journal failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
