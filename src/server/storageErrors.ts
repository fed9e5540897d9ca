/**
 * Which errors mean "the database cannot do this right now" (a full or
 * read-only disk, a locked file, PostgreSQL restarting or unreachable):
 * those are answered 503 with Retry-After, so clients keep the response and
 * try again, never 4xx (SYNC.md SY11).
 */
const NODE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATE classes a retry can outlive: connection, resources, operator intervention, system, transaction rollback. */
const POSTGRES_TRANSIENT_CLASSES = new Set(['08', '53', '57', '58', '40']);

const PG_CLIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
];

export function isStorageUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_')) return true;
    if (NODE_NETWORK.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && POSTGRES_TRANSIENT_CLASSES.has(code.slice(0, 2))) return true;
  }
  return typeof message === 'string' && PG_CLIENT_MESSAGES.some((m) => message.includes(m));
}
