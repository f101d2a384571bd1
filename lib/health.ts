import fs from 'node:fs';
import path from 'node:path';

/** What /api/health reports. */
export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'reachable' | 'unreachable';
  /** `unknown` when the database could not be asked. */
  migrations: 'current' | 'behind' | 'unknown';
  /** The committed migrations the database has not finished (only when behind). */
  missing?: string[];
  /** Why the migrations could not be compared, when this app's own list of them cannot be read. */
  reason?: string;
}

/** Something that runs raw SQL and returns rows, e.g. Prisma's `$queryRawUnsafe` or a pg pool. */
export type RawQuery = <T>(sql: string) => Promise<T[]>;

export const HEALTH_TIMEOUT_MS = 2000;

/**
 * The folder of the app being served: the production server (scripts/serve.ts) names it, as it
 * may serve an app other than the folder it was started in; otherwise the working folder.
 */
function appFolder(): string {
  return process.env.COUNTERWEIGHT_APP_DIR || process.cwd();
}

/**
 * The committed migrations: the folder names under prisma/migrations, read at every call. Throws
 * when the folder cannot be read: an app without its migrations cannot tell whether it is current.
 */
export function committedMigrations(root = appFolder()): string[] {
  return fs
    .readdirSync(path.join(root, 'prisma', 'migrations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

class TimedOut extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'TimedOut';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimedOut(what, ms)), ms);
  });
  // A late rejection of the raced query must not become an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks that the database answers `SELECT 1` and that every committed migration finished there
 * (and was not rolled back). Never throws: failures are in the report, with `error` for the log.
 */
export async function checkHealth(
  query: RawQuery,
  { timeoutMs = HEALTH_TIMEOUT_MS, root }: { timeoutMs?: number; root?: string } = {},
): Promise<{ report: HealthReport; error?: unknown }> {
  try {
    await withTimeout(query('SELECT 1'), timeoutMs, 'SELECT 1');
  } catch (error) {
    return { report: { status: 'unavailable', database: 'unreachable', migrations: 'unknown' }, error };
  }
  let applied: Set<string>;
  try {
    const rows = await withTimeout(
      query<{ migration_name: string }>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      ),
      timeoutMs,
      'the migrations query',
    );
    applied = new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    // No _prisma_migrations table (42P01) means no migration was applied.
    if (
      (error as { code?: string; meta?: { code?: string } }).code === '42P01' ||
      /_prisma_migrations/.test(String(error))
    ) {
      applied = new Set();
    } else {
      return { report: { status: 'unavailable', database: 'reachable', migrations: 'unknown' }, error };
    }
  }
  let committed: string[];
  try {
    committed = committedMigrations(root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    const reason = `The app's committed migrations (prisma/migrations) cannot be read (${code}).`;
    return { report: { status: 'unavailable', database: 'reachable', migrations: 'unknown', reason }, error };
  }
  // Fail closed: no migration at all is a deployment without them, not a database that is current.
  if (committed.length === 0) {
    const reason = "The app's folder of committed migrations (prisma/migrations) holds none.";
    return { report: { status: 'unavailable', database: 'reachable', migrations: 'unknown', reason } };
  }
  const missing = committed.filter((name) => !applied.has(name));
  if (missing.length > 0) {
    return { report: { status: 'unavailable', database: 'reachable', migrations: 'behind', missing } };
  }
  return { report: { status: 'ok', database: 'reachable', migrations: 'current' } };
}
