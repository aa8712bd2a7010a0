export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * For a process without NestJS shutdown hooks: on SIGTERM (Kubernetes) or SIGINT, stops each
 * relay and consumer (the batch in hand finishes and is committed, the group is left), then
 * calls `onStopped` to close the rest. Returns a function that removes the listeners.
 */
export function stopOnSignals(
  stoppables: Stoppable[],
  onStopped: (errors: unknown[]) => Promise<void> | void = () => undefined,
  signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): () => void {
  const listener = () => {
    remove();
    void Promise.allSettled(stoppables.map((stoppable) => stoppable.stop())).then((results) =>
      onStopped(results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []))),
    );
  };
  const remove = () => signals.forEach((signal) => process.off(signal, listener));
  signals.forEach((signal) => process.once(signal, listener));
  return remove;
}
