import { createHttpApp } from '@ejournal/http';
import { DynamicModule } from '@nestjs/common';

/**
 * Boots a service's real application module in-process and returns what its health endpoints
 * answered, so each service's test proves its readiness checks reach its real dependencies.
 */
export async function serviceHealth(module: DynamicModule) {
  const app = await createHttpApp(module, { name: 'service-test', logLevel: 'fatal' });
  try {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    return {
      live: { status: live.statusCode, body: live.json() },
      ready: { status: ready.statusCode, body: ready.json() },
    };
  } finally {
    await app.close();
  }
}
