import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';

const MAIN = path.resolve(__dirname, '../../../../services/identity/src/main.js');
const PORT = 3191;

export interface BenchIdentity {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The built identity service on a fresh database, as one process (one event loop; argon2id
 * runs on libuv's thread pool). Dropped with its roles afterwards.
 */
export async function startBenchIdentity(env: Record<string, string>): Promise<BenchIdentity> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) throw new Error('DATABASE_URL is not set (npm run bench sets it)');
  const name = `bench_test_identity_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      ...env,
      PORT: String(PORT),
      LOG_LEVEL: 'error',
      DATABASE_URL: url.toString(),
      IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      RELAY_ENABLED: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const stop = async () => {
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    for (const role of ['app', 'owner', 'disposal'])
      await admin.query(`DROP ROLE IF EXISTS ${name}_${role}`);
    await admin.end();
  };
  try {
    for (
      let waited = 0;
      !(await fetch(`${baseUrl}/health/ready`).then(
        (r) => r.ok,
        () => false,
      ));
      waited += 200
    ) {
      if (child.exitCode !== null || waited > 30_000) throw new Error('identity did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
