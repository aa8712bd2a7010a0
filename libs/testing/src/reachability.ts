import { connect } from 'node:net';

export interface Endpoint {
  host: string;
  port: number;
}

export function endpointOf(variable: string, value: string): Endpoint {
  const first = value.split(',')[0]?.trim() ?? '';
  const url = new URL(first.includes('://') ? first : `tcp://${first}`);
  const defaults: Record<string, number> = { DATABASE_URL: 5432, MONGO_URL: 27017 };
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port) || defaults[variable] || 9092,
  };
}

/** Resolves with undefined when a TCP connection opens, with the error message otherwise. */
export function probeTcp({ host, port }: Endpoint, timeoutMs = 1500): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (problem?: string) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(timeoutMs, () => finish(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => finish());
    socket.once('error', (error) => finish(error.message));
  });
}
