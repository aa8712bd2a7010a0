import path from 'node:path';

/** The four services the web application's one origin stands in front of. */
export const SERVICES = ['identity', 'journal', 'diary', 'archive'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface WebConfig {
  host: string;
  port: number;
  /** The built single-page application: index.html and its assets. */
  publicDir: string;
  upstreams: Record<ServiceName, URL>;
}

const DEFAULT_PORTS: Record<ServiceName, number> = {
  identity: 3101,
  journal: 3102,
  diary: 3103,
  archive: 3104,
};

/** From the environment, checked at start-up: a wrong value stops the server with its name. */
export function webConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const port = Number(env['PORT'] ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, got ${env['PORT']}`);
  const upstreams = {} as Record<ServiceName, URL>;
  for (const service of SERVICES) {
    const name = `${service.toUpperCase()}_URL`;
    const value = env[name] ?? `http://127.0.0.1:${DEFAULT_PORTS[service]}`;
    try {
      upstreams[service] = new URL(value);
    } catch {
      throw new Error(`${name} must be a URL, got ${value}`);
    }
  }
  return {
    host: env['HOST'] ?? '127.0.0.1',
    port,
    publicDir: path.resolve(env['WEB_PUBLIC_DIR'] ?? path.join(__dirname, '../public')),
    upstreams,
  };
}
