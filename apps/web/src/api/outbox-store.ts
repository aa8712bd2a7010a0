/** A command waiting to be sent: kept in IndexedDB until the service has answered it. */
export interface PendingCommand {
  /** The Idempotency-Key: one intent, one key, however many times it is sent. */
  key: string;
  path: string;
  body: unknown;
  journalId: string;
  lessonId: string;
  pupilId: string;
  /** What the cell shows while it waits ("5", "Н"). */
  label: string;
  createdAt: number;
}

export interface OutboxStore {
  put(command: PendingCommand): Promise<void>;
  remove(key: string): Promise<void>;
  /** Oldest first: the order the teacher entered them. */
  all(): Promise<PendingCommand[]>;
}

const DB = 'ejournal';
const STORE = 'outbox';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The browser's IndexedDB: survives a reload, a closed tab and a lost network. */
export async function indexedDbOutbox(): Promise<OutboxStore> {
  const open = indexedDB.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'key' });
  const db = await request(open);
  const store = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  const written = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  return {
    async put(command) {
      const objects = store('readwrite');
      objects.put(command);
      await written(objects.transaction);
    },
    async remove(key) {
      const objects = store('readwrite');
      objects.delete(key);
      await written(objects.transaction);
    },
    async all() {
      const rows = (await request(store('readonly').getAll())) as PendingCommand[];
      return rows.sort((a, b) => a.createdAt - b.createdAt);
    },
  };
}
