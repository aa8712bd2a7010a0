/**
 * Whether a handler's failure comes from infrastructure that is away for now (a database or a
 * broker restarting, a connection cut) rather than from the message. Such a failure is
 * retried until the infrastructure answers again and never dead-letters the message: a
 * PostgreSQL restart must not turn every event of its few seconds into a dead letter.
 */
export function isTransient(error: unknown): boolean {
  return causes(error).some(transientByItself);
}

/** PostgreSQL's SQLSTATE classes and codes of a server that cannot serve now. */
const TRANSIENT_SQLSTATE = new Set([
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

const TRANSIENT_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** Driver errors whose class names say the server could not be reached. */
const TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoPoolClearedError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/** Messages of node-postgres and of FerretDB relaying its PostgreSQL's refusals. */
const TRANSIENT_MESSAGE =
  /connection terminated|connection refused|failed to connect|timeout exceeded when trying to connect|server closed the connection unexpectedly|terminating connection|the database system is (starting up|shutting down|in recovery|not yet accepting connections)|Client has encountered a connection error|Connection pool (is )?(closed|cleared)|ECONNREFUSED|ECONNRESET/i;

function transientByItself(error: object): boolean {
  const { code, name, message, retriable } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    retriable?: unknown;
  };
  if (typeof code === 'string') {
    if (TRANSIENT_SYSTEM_CODES.has(code) || TRANSIENT_SQLSTATE.has(code)) return true;
    // Class 08: connection exception.
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (typeof name === 'string') {
    if (TRANSIENT_NAMES.has(name)) return true;
    // kafkajs marks what retrying can cure (a broker away, a leader moving).
    if (name.startsWith('KafkaJS') && retriable === true) return true;
  }
  if (typeof (error as { hasErrorLabel?: unknown }).hasErrorLabel === 'function') {
    const labelled = error as { hasErrorLabel(label: string): boolean };
    if (labelled.hasErrorLabel('ResetPool') || labelled.hasErrorLabel('RetryableWriteError'))
      return true;
  }
  return typeof message === 'string' && TRANSIENT_MESSAGE.test(message);
}

/** The error, its causes and, for an AggregateError, the errors it gathers. */
function causes(error: unknown, depth = 0): object[] {
  if (typeof error !== 'object' || error === null || depth > 8) return [];
  const found: object[] = [error];
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  found.push(...causes(cause, depth + 1));
  if (Array.isArray(errors)) for (const each of errors) found.push(...causes(each, depth + 1));
  return found;
}
