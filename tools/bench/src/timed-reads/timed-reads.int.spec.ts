import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readInThread } from './reads-in-thread';
import { timedReads } from './timed-reads';

describe('timed reads of the planning bench', () => {
  let server: Server;
  let baseUrl: string;
  const answer = { body: JSON.stringify({ lessons: [1, 2, 3] }), status: 200 };
  const seen: (string | undefined)[] = [];
  const opened: ReturnType<typeof timedReads>[] = [];
  const reads = () => {
    const made = timedReads(baseUrl);
    opened.push(made);
    return made;
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => opened.splice(0).forEach((made) => made.close()));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('parses an answer learned, then accepts only the same bytes, as the token asked', async () => {
    const client = reads();
    await expect(client.learn('/grid', 'deputy')).resolves.toEqual({ lessons: [1, 2, 3] });
    await expect(client.timed('/grid', 'deputy')).resolves.toBeUndefined();
    expect(seen.slice(-2)).toEqual(['Bearer deputy', 'Bearer deputy']);
    answer.body = JSON.stringify({ lessons: [1, 2, 4] });
    await expect(client.timed('/grid', 'deputy')).rejects.toThrow('/grid: not the answer learned');
    answer.body = JSON.stringify({ lessons: [1, 2, 3, 4] });
    await expect(client.timed('/grid', 'deputy')).rejects.toThrow('not the answer learned');
  });

  it('compares an answer of many chunks to its last byte', async () => {
    const client = reads();
    const cells = 'x'.repeat(400_000);
    answer.body = JSON.stringify({ cells });
    await expect(client.learn('/big', 'deputy')).resolves.toEqual({ cells });
    await expect(client.timed('/big', 'deputy')).resolves.toBeUndefined();
    answer.body = JSON.stringify({ cells: `${cells.slice(1)}y` });
    await expect(client.timed('/big', 'deputy')).rejects.toThrow('/big: not the answer learned');
  });

  it('times on its own thread: the unmeasured reads, then as many timed, every answer checked', async () => {
    answer.body = JSON.stringify({ planned: [1, 2] });
    const client = reads();
    await client.learn('/grid', 'deputy');
    const learned = client.answerOf('/grid', 'deputy') as Buffer;
    const work = {
      baseUrl,
      reads: [{ url: '/grid', token: 'deputy', answer: learned }],
      concurrency: 2,
      warmUp: 6,
      total: 10,
    };
    const counted = seen.length;
    let readsWhenWarm = 0;
    const timed = await readInThread(work, async () => {
      readsWhenWarm = seen.length - counted;
    });
    expect(readsWhenWarm).toBe(6);
    expect(timed.latenciesMs).toHaveLength(10);
    expect(seen.length - counted).toBe(16);
    answer.body = JSON.stringify({ planned: [1, 3] });
    await expect(readInThread(work)).rejects.toThrow('/grid: not the answer learned');
  });

  it('refuses to time what was not learned, for that token, and any answer but 200', async () => {
    const client = reads();
    answer.body = '{}';
    await client.learn('/grid', 'deputy');
    await expect(client.timed('/grid', 'teacher')).rejects.toThrow('not learned');
    answer.status = 403;
    await expect(client.timed('/grid', 'deputy')).rejects.toThrow('/grid: 403');
    await expect(client.learn('/other', 'deputy')).rejects.toThrow('/other: 403');
  });
});
