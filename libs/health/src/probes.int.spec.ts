import { requireInfra } from '@ejournal/testing';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { DependencyProbe } from './dependency-probe';
import { kafkaProbe } from './kafka.probe';
import { mongoProbe } from './mongo.probe';
import { postgresProbe } from './postgres.probe';

describe('dependency probes against real servers', () => {
  const probes: DependencyProbe[] = [];
  const track = (probe: DependencyProbe) => (probes.push(probe), probe);
  let servers: Awaited<ReturnType<typeof requireInfra>>;

  beforeAll(async () => {
    servers = await requireInfra();
  });

  afterAll(async () => {
    await Promise.allSettled(probes.map((probe) => probe.close()));
  });

  it('pass when PostgreSQL, Kafka and the MongoDB API answer', async () => {
    await expect(track(postgresProbe(servers.DATABASE_URL)).check()).resolves.toBeUndefined();
    await expect(
      track(kafkaProbe(servers.KAFKA_BROKERS.split(','), 'probe-test')).check(),
    ).resolves.toBeUndefined();
    await expect(track(mongoProbe(servers.MONGO_URL)).check()).resolves.toBeUndefined();
  });

  it('fail with the reason when nothing listens', async () => {
    await expect(
      track(postgresProbe('postgres://postgres@127.0.0.1:1/test', 500)).check(),
    ).rejects.toThrow(/ECONNREFUSED/);
    await expect(track(kafkaProbe(['127.0.0.1:1'], 'probe-test', 500)).check()).rejects.toThrow();
    await expect(track(mongoProbe('mongodb://127.0.0.1:1/test', 500)).check()).rejects.toThrow(
      /ECONNREFUSED|Server selection timed out/,
    );
  });

  it('recover when the server is back after a check was left hanging', async () => {
    for (const [make, target] of [
      [(url: string) => postgresProbe(url, 500), servers.DATABASE_URL],
      [(url: string) => mongoProbe(url, 500), servers.MONGO_URL],
    ] as const) {
      const { hostname, port } = new URL(target);
      const gate = await hangingThenForwarding(hostname.replace(/^\[|\]$/g, ''), Number(port));
      try {
        const via = new URL(target);
        via.host = `127.0.0.1:${gate.port}`;
        const probe = track(make(via.toString()));
        // Accepted, then silent: the check times out with its query in flight.
        await expect(probe.check()).rejects.toThrow();
        gate.forward();
        await expect(probe.check()).resolves.toBeUndefined();
      } finally {
        await gate.close();
      }
    }
  });
});

/** A loopback port that swallows connections until `forward()`, then relays new ones. */
async function hangingThenForwarding(host: string, port: number) {
  let forwarding = false;
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    if (!forwarding) return; // read nothing, answer nothing
    const upstream = connect(port, host);
    sockets.push(upstream);
    socket.pipe(upstream).pipe(socket);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    forward: () => (forwarding = true),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
