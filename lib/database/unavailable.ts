/*
 * Whether an error means the database could not be reached or went away mid-query (as opposed to
 * a bad query or a constraint): the app then says "try again in a minute" instead of failing, and
 * a form keeps what was typed. Prisma reports these as P1001 (cannot reach), P1002 (timed out),
 * P1017 (connection closed) or P2024 (no connection free in time), with the driver adapter's kind
 * in `meta.driverAdapterError.cause`; the pg driver itself uses socket codes and PostgreSQL's
 * class 08 (connection exception) and 57P0x (shutting down, starting up).
 */

const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const DRIVER_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|08\w{3}|57P0[123])$/;
/*
 * The pg driver's words, which reach the app without a code: a connection ended under a query, or a
 * connection used again after that (a transaction's next statement once a failure was caught: "Client
 * has encountered a connection error and is not queryable"; one already closed: "Client was closed");
 * Prisma's words for a raw query whose connection the server closed ("Server has closed the connection").
 */
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Client (has encountered a connection error|was closed) and is not queryable|Server has closed the connection/i;

interface Inspectable {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const pending: unknown[] = [error];
  for (let seen = 0; pending.length > 0 && seen < 12; seen += 1) {
    const current = pending.shift();
    if (!current || typeof current !== 'object') continue;
    const candidate = current as Inspectable;
    if (typeof candidate.code === 'string' && (PRISMA_CODES.has(candidate.code) || DRIVER_CODES.test(candidate.code)))
      return true;
    if (typeof candidate.originalCode === 'string' && DRIVER_CODES.test(candidate.originalCode)) return true;
    if (typeof candidate.kind === 'string' && ADAPTER_KINDS.has(candidate.kind)) return true;
    if (typeof candidate.message === 'string' && MESSAGES.test(candidate.message)) return true;
    pending.push(candidate.cause, candidate.meta?.driverAdapterError);
  }
  return false;
}
