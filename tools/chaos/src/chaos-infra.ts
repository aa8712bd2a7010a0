import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@ejournal/testing';

const run = promisify(execFile);

export type InfraServer = 'postgres' | 'kafka' | 'ferretdb';

/**
 * The suite's own PostgreSQL, Kafka and FerretDB (`chaos-infra.sh`, which reuses
 * `tools/infra/lib`), on free loopback ports under `.infra-chaos/`: killing them never touches
 * the shared infrastructure or the tests running beside this suite.
 */
export class ChaosInfra {
  private constructor(
    private readonly root: string,
    private readonly variables: Record<string, string>,
  ) {}

  static async up(root: string): Promise<ChaosInfra> {
    const dir = path.join(root, '.infra-chaos');
    // A fresh cluster, broker and read store each run; built binaries are seeded again.
    await rm(dir, { recursive: true, force: true });
    const [pg, kafka, controller, ferretdb] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const infra = new ChaosInfra(root, {
      INFRA_DIR: dir,
      PG_PORT: String(pg),
      KAFKA_PORT: String(kafka),
      KAFKA_CONTROLLER_PORT: String(controller),
      FERRETDB_PORT: String(ferretdb),
    });
    await infra.script('up');
    return infra;
  }

  /** What a service or client needs to reach these servers (as `infra.sh env` prints). */
  get env() {
    const { PG_PORT, KAFKA_PORT, FERRETDB_PORT } = this.variables;
    const pgBase = `postgres://postgres@127.0.0.1:${PG_PORT}`;
    return {
      PG_URL_BASE: pgBase,
      DATABASE_URL: `${pgBase}/ejournal_test`,
      KAFKA_BROKERS: `127.0.0.1:${KAFKA_PORT}`,
      MONGO_URL: `mongodb://127.0.0.1:${FERRETDB_PORT}/`,
      READ_STORE_POSTGRES_URL: `${pgBase}/ferretdb`,
    };
  }

  kill(server: InfraServer): Promise<void> {
    return this.script('kill', server);
  }

  start(server: InfraServer): Promise<void> {
    return this.script('start', server);
  }

  down(): Promise<void> {
    return this.script('down');
  }

  private async script(...args: string[]): Promise<void> {
    const script = path.join(this.root, 'tools/chaos/chaos-infra.sh');
    try {
      await run('bash', [script, ...args], {
        env: { ...process.env, ...this.variables },
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`chaos-infra.sh ${args.join(' ')} failed: ${stderr ?? String(error)}`);
    }
  }
}
