import { createHttpApp } from '@ejournal/http';
import { requireInfra } from '@ejournal/testing';
import { Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HealthModule } from './health.module';
import { kafkaProbe } from './kafka.probe';
import { postgresProbe } from './postgres.probe';

describe('HealthModule', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const { DATABASE_URL } = await requireInfra(['DATABASE_URL']);
    @Module({
      imports: [
        HealthModule.forRoot([
          postgresProbe(DATABASE_URL),
          kafkaProbe(['127.0.0.1:1'], 'health-test', 500),
        ]),
      ],
    })
    class TestAppModule {}
    app = await createHttpApp(TestAppModule, { name: 'health-test', logLevel: 'fatal' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reports live without consulting dependencies', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
  });

  it('answers 503 on ready naming the dependency that is down and the one that is up', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    const body = response.json();
    expect(body.status).toBe('error');
    expect(body.info.postgres.status).toBe('up');
    expect(body.error.kafka.status).toBe('down');
    expect(body.error.kafka.message).toEqual(expect.any(String));
  });
});
