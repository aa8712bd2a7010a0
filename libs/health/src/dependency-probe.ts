/** A real dependency of a service, checked by `/health/ready`. */
export interface DependencyProbe {
  readonly name: string;
  /** Resolves when the dependency answers a real request; rejects with the reason otherwise. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A probe over a client of its own (a one-connection pool) that is thrown away after any
 * failed check, a timeout included: a query left hanging on a connection the server lost in a
 * restart would otherwise hold the only connection, and the service would answer not ready
 * for good although the server is back.
 */
export function renewedOnFailure<C>(
  name: string,
  connect: () => C,
  use: { check(client: C): Promise<void>; close(client: C): Promise<void> },
): DependencyProbe {
  let client = connect();
  return {
    name,
    async check() {
      const current = client;
      try {
        await use.check(current);
      } catch (error) {
        if (client === current) {
          client = connect();
          void use.close(current).catch(() => undefined);
        }
        throw error;
      }
    },
    close: () => use.close(client),
  };
}
