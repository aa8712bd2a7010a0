import 'reflect-metadata';
import { loadConfig } from '@ejournal/config';
import { startService } from '@ejournal/http';
import { AppModule } from './app.module';
import { archiveConfigSchema } from './config';
import { configureArchiveApp } from './openapi';

async function main(): Promise<void> {
  const config = loadConfig(archiveConfigSchema);
  await startService(AppModule.forConfig(config), {
    name: 'archive',
    host: config.HOST,
    port: config.PORT,
    logLevel: config.LOG_LEVEL,
    configure: configureArchiveApp,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `archive failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
