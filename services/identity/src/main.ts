import 'reflect-metadata';
import { loadConfig } from '@ejournal/config';
import { startService } from '@ejournal/http';
import { AppModule } from './app.module';
import { identityConfigSchema } from './config';
import { configureIdentityApp } from './openapi';

async function main(): Promise<void> {
  const config = loadConfig(identityConfigSchema);
  await startService(AppModule.forConfig(config), {
    name: 'identity',
    host: config.HOST,
    port: config.PORT,
    logLevel: config.LOG_LEVEL,
    configure: configureIdentityApp,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `identity failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
