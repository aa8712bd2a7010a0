import { Controller, Get, Module } from '@nestjs/common';
import { createHttpApp, jsonLogger } from './bootstrap-service';

@Controller('ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

describe('createHttpApp', () => {
  it('serves a module on Fastify and answers unknown routes with a problem-details 404', async () => {
    const app = await createHttpApp(PingModule, { name: 'test', logLevel: 'fatal' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const ok = await app.inject({ method: 'GET', url: '/ping' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ pong: true });
      const missing = await app.inject({ method: 'GET', url: '/nowhere' });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.json()).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND' });
      expect(app.getHttpAdapter().getType()).toBe('fastify');
    } finally {
      await app.close();
    }
  });
});

describe('jsonLogger', () => {
  it('writes one JSON object per line and drops levels below the configured one', () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const logger = jsonLogger('journal', 'log');
      logger.debug('hidden');
      logger.log('shown');
    } finally {
      spy.mockRestore();
    }
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'log',
      message: 'shown',
      context: 'journal',
    });
  });
});
