import { freePort, startBuiltService, type RunningService } from '@ejournal/testing';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ChaosInfra } from './chaos-infra';

export type ServiceName = 'identity' | 'journal' | 'diary' | 'archive';

export const BOOTSTRAP_CODE = 'CHAO-S000-0001';

/**
 * The four services as built processes (`dist/services/*`), each on a port of its own that it
 * keeps across restarts (the journal and the diary find identity's keys at a fixed URL), with
 * the same environment as `npm start` gives them, on the suite's own infrastructure.
 */
export class Platform {
  private readonly running = new Map<ServiceName, RunningService>();
  private readonly envs = new Map<ServiceName, Record<string, string>>();

  private constructor(
    private readonly infra: ChaosInfra,
    /** Each process's whole output (`tmp/chaos-logs/<service>.log`), kept after the run. */
    readonly logDir: string,
  ) {}

  static async start(infra: ChaosInfra, root: string, names: ServiceName[]): Promise<Platform> {
    const platform = new Platform(infra, path.join(root, 'tmp/chaos-logs'));
    await rm(platform.logDir, { recursive: true, force: true });
    await mkdir(platform.logDir, { recursive: true });
    const ports = new Map<ServiceName, number>();
    for (const name of names) ports.set(name, await freePort());
    const url = (name: ServiceName) => `http://127.0.0.1:${ports.get(name)}`;
    const { PG_URL_BASE, KAFKA_BROKERS, MONGO_URL, READ_STORE_POSTGRES_URL } = infra.env;
    const common = (name: ServiceName) => ({
      PORT: String(ports.get(name)),
      LOG_LEVEL: 'log',
      DATABASE_URL: `${PG_URL_BASE}/ejournal_${name}`,
      KAFKA_BROKERS,
      OTEL_SERVICE_NAME: name,
    });
    const readStore = (name: ServiceName) => ({
      MONGO_URL: `${MONGO_URL}ejournal_${name}`,
      READ_STORE_POSTGRES_URL,
    });
    const jwks = { AUTH_JWKS_URL: `${url('identity')}/.well-known/jwks.json` };
    const all: Record<ServiceName, Record<string, string>> = {
      identity: {
        ...common('identity'),
        IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        BOOTSTRAP_OPERATOR_CODE: BOOTSTRAP_CODE,
        KEY_ACTIVATION_DELAY_SECONDS: '0',
        ACCESS_TOKEN_TTL_SECONDS: '600',
        SIGN_IN_PER_IP_PER_MINUTE: '10000',
      },
      journal: { ...common('journal'), ...readStore('journal'), ...jwks },
      diary: {
        ...common('diary'),
        ...readStore('diary'),
        ...jwks,
        DIARY_SECRETS_KEY: randomBytes(32).toString('base64'),
        // A killed replica's partitions come back within seconds, not the default 30.
        CONSUMER_SESSION_TIMEOUT_MS: '6000',
      },
      archive: {
        ...common('archive'),
        ...readStore('archive'),
        ...jwks,
        DOCUMENT_STORE: 'filesystem',
        DOCUMENT_STORE_DIR: path.join(root, '.infra-chaos/documents'),
        CONSUMER_SESSION_TIMEOUT_MS: '6000',
      },
    };
    for (const name of names) {
      platform.envs.set(name, all[name]);
      await platform.launch(name);
    }
    return platform;
  }

  baseUrl(name: ServiceName): string {
    return `http://127.0.0.1:${this.envs.get(name)?.['PORT']}`;
  }

  names(): ServiceName[] {
    return [...this.envs.keys()];
  }

  /** kill -9 (no shutdown hooks), then the same service started again on its port. */
  async killAndRestart(name: ServiceName): Promise<void> {
    await this.running.get(name)?.kill();
    await this.keepLog(name, 'killed -9');
    this.running.delete(name);
    await this.launch(name);
  }

  /** Appends the current process's output to the service's log file. */
  async keepLog(name: ServiceName, ended: string): Promise<void> {
    const output = this.running.get(name)?.logs() ?? '';
    const file = path.join(this.logDir, `${name}.log`);
    await appendFile(file, `${output}\n--- ${ended} at ${new Date().toISOString()}\n`);
  }

  /** Every service answers ready (its own dependencies reachable), or the time is up. */
  async allReady(withinMs: number): Promise<Record<ServiceName, boolean>> {
    const deadline = Date.now() + withinMs;
    const ready = Object.fromEntries(this.names().map((name) => [name, false])) as Record<
      ServiceName,
      boolean
    >;
    while (Date.now() < deadline && !Object.values(ready).every(Boolean)) {
      for (const name of this.names()) {
        ready[name] ||= await fetch(`${this.baseUrl(name)}/health/ready`).then(
          (answer) => answer.ok,
          () => false,
        );
      }
      if (!Object.values(ready).every(Boolean)) await pause(250);
    }
    return ready;
  }

  logs(name: ServiceName): string {
    return this.running.get(name)?.logs() ?? '';
  }

  async stop(): Promise<void> {
    for (const name of [...this.running.keys()].reverse()) {
      await this.running.get(name)?.stop();
      await this.keepLog(name, 'stopped');
    }
    this.running.clear();
  }

  private async launch(name: ServiceName): Promise<void> {
    // After a PostgreSQL or Kafka kill a service may need its full start-up time again.
    this.running.set(name, await startBuiltService(name, this.envs.get(name) ?? {}, 120_000));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
