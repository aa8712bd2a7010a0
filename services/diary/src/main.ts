import 'reflect-metadata';
import { loadConfig } from '@ejournal/config';
import { startService } from '@ejournal/http';
import { AppModule } from './app.module';
import { diaryConfigSchema } from './config';
import { configureDiaryApp } from './openapi';

async function main(): Promise<void> {
  const config = loadConfig(diaryConfigSchema);
  await startService(AppModule.forConfig(config), {
    name: 'diary',
    host: config.HOST,
    port: config.PORT,
    logLevel: config.LOG_LEVEL,
    configure: configureDiaryApp,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `diary failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
