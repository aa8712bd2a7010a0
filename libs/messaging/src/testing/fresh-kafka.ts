import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const INFRA_LIB = path.join(ROOT, 'tools/infra/lib');

export interface FreshKafka {
  /** `127.0.0.1:<port>` of the new broker. */
  brokers: string;
  /** Stops the broker and deletes its directory. */
  stop(): Promise<void>;
}

/**
 * A broker of its own, as a new machine's first `npm run infra -- up` gets it: a new data
 * directory and two free loopback ports, prepared, started and awaited by the project's own
 * functions (tools/infra/lib/kafka.sh), so "ready" means what it means to `npm start`. Other
 * brokers (the workspace's, a CI clone's) are not touched.
 */
export async function startFreshKafka(timeoutMs = 60_000): Promise<FreshKafka> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ejournal-fresh-kafka-'));
  const [port, controllerPort] = await freePorts(2);
  const env = {
    ...process.env,
    ROOT,
    INFRA_DIR: dir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
  };
  const kafka = (steps: string, ms: number) =>
    bash(`source common.sh && source kafka.sh && ${steps}`, env, ms);
  const stop = async () => {
    try {
      await kafka('kafka_stop', 30_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  try {
    await seedCaches(dir);
    await kafka(
      `kafka_prepare && kafka_start && kafka_wait_ready ${Math.ceil(timeoutMs / 1000)}`,
      timeoutMs + 30_000,
    );
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { brokers: `127.0.0.1:${port}`, stop };
}

/**
 * Saves two slow steps that have nothing to do with a fresh broker: resolving the jars with
 * Maven (the workspace's prepared jars are linked, read only, when their stamp is there; a
 * stale stamp makes kafka_prepare resolve its own) and a JVM start for a cluster id.
 */
async function seedCaches(dir: string): Promise<void> {
  const workspaceKafka = path.join(process.env['INFRA_DIR'] ?? path.join(ROOT, '.infra'), 'kafka');
  await mkdir(path.join(dir, 'kafka'), { recursive: true });
  await writeFile(path.join(dir, 'kafka/cluster.id'), `${clusterId()}\n`);
  const jars = path.join(workspaceKafka, 'libs');
  const stamp = path.join(workspaceKafka, 'libs.stamp');
  if (existsSync(jars) && existsSync(stamp)) {
    await symlink(jars, path.join(dir, 'kafka/libs'));
    await copyFile(stamp, path.join(dir, 'kafka/libs.stamp'));
  }
}

/** As Kafka's Uuid.randomUuid: never starting with "-", which the format command takes as an option. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function bash(script: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: INFRA_LIB, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(`${script} failed (${signal ?? `exit ${code}`}):\n${output.slice(-3000)}`),
        );
    });
  });
}
