import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded';
import { shownPath } from '../file-refusal';

/**
 * Where the embedded database keeps its data between runs (git-ignored). Set empty, as unset: the
 * project's own folder would take the database and the sessions' secret, outside .gitignore.
 */
export const DATA_DIR = path.resolve(process.env.COUNTERWEIGHT_DATA_DIR || '.data');
/** The embedded PostgreSQL's own folder in the data folder. */
export const CLUSTER_DIR = path.join(DATA_DIR, 'postgres');
/** Where `npm run db:backup` writes a backup not given a file. */
export const BACKUP_DIR = path.join(DATA_DIR, 'backups');
/**
 * Written while `npm start` runs, so commands in another terminal use the same server: its address,
 * then the process id of the `npm start` that runs it.
 */
const RUNNING_URL_FILE = path.join(DATA_DIR, 'postgres.url');

export interface OpenDatabase {
  url: string;
  /** Where the URL came from, for the start-up message. */
  origin: 'DATABASE_URL' | 'embedded' | 'running embedded';
  close: () => Promise<void>;
}

/**
 * The database commands work on: `DATABASE_URL` when it is set; otherwise the embedded
 * PostgreSQL in `.data/postgres`, reusing the server `npm start` already runs, or starting one.
 * For the npm commands only: when there is no database to be had, it says why and exits.
 */
export async function openDatabase(options: { announce?: boolean; existing?: string } = {}): Promise<OpenDatabase> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    if (!/^postgres(?:ql)?:\/\/[^/]/.test(configured)) {
      // Not echoed: the address may hold a password.
      commandFailed('DATABASE_URL is not a PostgreSQL address: postgresql://user:password@host:5432/database');
    }
    if (misread(configured)) commandFailed(MALFORMED_URL);
    const unreachable = await connectionProblem(configured);
    if (unreachable) commandFailed(unreachable);
    return { url: configured, origin: 'DATABASE_URL', close: async () => undefined };
  }

  const running = await readRunningUrl();
  if (running) return { url: running, origin: 'running embedded', close: async () => undefined };

  // `existing`: what the command would do, when it has nothing to do on a database not made yet
  // (a backup of a folder never started, or mistyped, is no backup).
  const made = existsSync(path.join(CLUSTER_DIR, 'PG_VERSION'));
  if (options.existing && !made) {
    commandFailed(
      `There is no database in ${shownPath(CLUSTER_DIR)}, so nothing to ${options.existing}: ` +
        'start the app once (npm start), or set COUNTERWEIGHT_DATA_DIR to the folder that holds it (or DATABASE_URL).',
    );
  }
  if (options.announce && !made) {
    console.log(`Creating the embedded PostgreSQL database in ${path.relative(process.cwd(), CLUSTER_DIR)} …`);
  }
  const server = await startEmbeddedPostgres({ dataDir: CLUSTER_DIR, database: 'counterweight' }).catch(
    (error: unknown) => commandFailed(error instanceof Error ? error.message : String(error)),
  );
  return { url: server.url, origin: 'embedded', close: server.stop };
}

/** Not echoed either: the address may hold a password, or, misread, show part of it as a host or database. */
const MALFORMED_URL =
  'DATABASE_URL is not a valid postgresql:// address: percent-encode the special characters in its user name and password (/ ? # @ : % as %2F %3F %23 %40 %3A %25).';

/**
 * Whether the address cannot be read as it was meant. A password with an unencoded `/`, `?` or `#`
 * ends the address's user part early: the parser either fails, or takes the user for the host and
 * the rest of the password for a port or a database, which a message about the connection would
 * print. Such an address has an `@` outside its user part: none was read as one, or one is left
 * after the host (a password with an `@` before its `/`: `app:Xy@9q/Zt@db…` has host `9q`).
 */
function misread(url: string): boolean {
  try {
    const { username, password, pathname, search, hash } = new URL(url);
    return (url.includes('@') && !username && !password) || (pathname + search + hash).includes('@');
  } catch {
    return true;
  }
}

/**
 * Why the database at `url` cannot be used, or null when a connection opens: named by its host,
 * port and database, never by the whole address (it may hold a password).
 */
async function connectionProblem(url: string): Promise<string | null> {
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  } catch {
    // pg parses the address as it makes the client: one it cannot read would end in a stack trace.
    return MALFORMED_URL;
  }
  try {
    await client.connect();
    return null;
  } catch (error) {
    let where = 'DATABASE_URL';
    try {
      const { hostname, port, pathname } = new URL(url);
      where = `DATABASE_URL (${hostname}:${port || '5432'}, database ${decodeURIComponent(pathname.slice(1)) || 'postgres'})`;
    } catch {
      // Not a URL the WHATWG parser reads (pg reads more forms): named by the setting alone.
    }
    const reason = error instanceof Error && error.message ? error.message : String(error);
    // PostgreSQL's code for a database that does not exist: the server answered, the database is to be made.
    const advice =
      (error as { code?: unknown }).code === '3D000'
        ? 'Create it (an empty database, as the README says), or correct its name in DATABASE_URL.'
        : 'Is the server running, and are its address, user and password right?';
    return `Cannot connect to the database at ${where}: ${reason}. ${advice}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The commands' database cannot be had: said plainly (no stack trace), and the command ends. */
function commandFailed(message: string): never {
  console.error(message);
  process.exit(1);
}

export async function publishRunningUrl(url: string): Promise<void> {
  await fs.writeFile(RUNNING_URL_FILE, `${url}\n${process.pid}\n`, { mode: 0o600 });
}

export async function withdrawRunningUrl(): Promise<void> {
  await fs.rm(RUNNING_URL_FILE, { force: true });
}

/**
 * The process id of another `npm start` serving this data folder's database now, if one is: a
 * second would share that database, which stops with the first.
 */
export async function otherStartOnDataDir(): Promise<number | null> {
  const [url, owner] = ((await fs.readFile(RUNNING_URL_FILE, 'utf8').catch(() => null)) ?? '').split('\n');
  const pid = Number(owner);
  if (!url || pid === process.pid || !isAlive(pid)) return null;
  // Its database answers too: a file left by a start that died with its database (a reboot) may
  // name a process id another program has now, and is cleared as the database is opened.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  const answers = await client.connect().then(
    () => true,
    () => false,
  );
  await client.end().catch(() => undefined);
  return answers ? pid : null;
}

async function readRunningUrl(): Promise<string | null> {
  const [url, owner] = ((await fs.readFile(RUNNING_URL_FILE, 'utf8').catch(() => null)) ?? '').split('\n');
  if (!url) return null;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
  } catch {
    // Left behind by a run that was killed: its server is gone.
    await withdrawRunningUrl();
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!owner || isAlive(Number(owner))) return url;
  // The `npm start` that ran it was killed without its Ctrl-C (SIGKILL runs no shutdown), and
  // PostgreSQL outlived it: stopped now, so that this command starts its own, which it stops.
  await stopAbandonedServer();
  await withdrawRunningUrl();
  return null;
}

function isAlive(pid: number): boolean {
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops the embedded PostgreSQL running in the data folder (a fast shutdown: sessions end, nothing is lost). */
async function stopAbandonedServer(): Promise<void> {
  const lock = await fs.readFile(path.join(CLUSTER_DIR, 'postmaster.pid'), 'utf8').catch(() => '');
  const postmaster = Number(lock.split('\n')[0]);
  if (!isAlive(postmaster)) return;
  console.log(`Stopping the database an earlier npm start left running when it was killed (process ${postmaster}) …`);
  process.kill(postmaster, 'SIGINT');
  for (let waited = 0; isAlive(postmaster) && waited < 30_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The secret that signs session cookies: AUTH_SECRET when set, else one generated on first start
 * and kept in the data folder, so a newcomer has nothing to configure and sessions survive restarts.
 */
export async function ensureAuthSecret(): Promise<string> {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(DATA_DIR, 'auth-secret');
  const existing = await fs.readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  const secret = (await import('node:crypto')).randomBytes(32).toString('base64url');
  await fs.mkdir(DATA_DIR, { recursive: true });
  await fs.writeFile(file, secret, { mode: 0o600 });
  return secret;
}
