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
