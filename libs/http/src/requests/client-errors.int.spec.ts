import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect } from 'node:net';
import { createHttpApp } from '../bootstrap-service';
import { HEADERS_TOO_LARGE, MALFORMED_REQUEST } from './edge-errors';

@Controller('ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

/** Node's HTTP parser refuses these before fastify has a request: a real socket is needed. */
describe('requests Node refuses are answered with problem documents', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await createHttpApp(PingModule, { name: 'test', logLevel: 'fatal' });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => app.close());

  /** Sends raw bytes and reads until the server closes the connection. */
  const exchange = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      let answer = '';
      const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
      socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
      socket.on('close', () => resolve(answer));
      // The server closes while a huge request is still being sent: a reset after its answer.
      socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    });

  const parsed = (answer: string) => {
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    return { statusLine: head.split('\r\n')[0], head, body: JSON.parse(body) };
  };

  it('answers headers over the limit (a huge Idempotency-Key) with 431', async () => {
    const key = 'k'.repeat(70_000);
    const answer = parsed(
      await exchange(`GET /ping HTTP/1.1\r\nHost: x\r\nIdempotency-Key: ${key}\r\n\r\n`),
    );
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.head).toContain('Content-Type: application/problem+json');
    expect(answer.body).toMatchObject({ status: 431, code: HEADERS_TOO_LARGE });
  });

  it('answers bytes that are not HTTP with 400', async () => {
    const answer = parsed(await exchange('HELLO THERE\r\n\r\n'));
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.body).toMatchObject({ status: 400, code: MALFORMED_REQUEST });
  });

  it('still answers a well-formed request on the same server', async () => {
    const answer = await exchange('GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });
});
