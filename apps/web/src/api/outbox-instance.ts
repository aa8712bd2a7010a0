import { call } from './http';
import { Outbox } from './outbox';
import { indexedDbOutbox } from './outbox-store';

let instance: Promise<Outbox> | null = null;

/** The tab's one outbox: journal entries, sent with their own Idempotency-Key. */
export function outbox(): Promise<Outbox> {
  instance ??= indexedDbOutbox().then((store) => {
    const box = new Outbox(store, (command) =>
      call('journal', 'POST', command.path, { json: command.body, idempotencyKey: command.key }),
    );
    // Back online, or every few seconds while something waits: send what is queued.
    window.addEventListener('online', () => void box.flush());
    setInterval(() => {
      if (!navigator.onLine) return;
      void box.pending().then((rows) => {
        if (rows.length > 0) void box.flush();
      });
    }, 5000);
    void box.flush();
    return box;
  });
  return instance;
}
