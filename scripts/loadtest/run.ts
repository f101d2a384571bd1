// npm run loadtest: the production build under readers and editors at once, on the demo data in a
// temporary embedded PostgreSQL, then the same with the database stopped for a few seconds in the
// middle. Not part of the tests. See "Load and faults" in the README.
import '../node-version';
import '../env-file';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { createDatabaseClient } from '../../lib/database/client';
import {
  findFreePort,
  makeTemporaryDataDir,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../../lib/database/embedded';
import { applyMigrations } from '../../lib/database/schema-engine';
import { createUser } from '../../lib/records/users';
import { seedDemoData } from '../../lib/seed/demo';
import { launchBrowser } from '../../tests/helpers/browser';
import {
  buildApp,
  killAllServersNow,
  snapshotBuild,
  startServer,
  stopAllServers,
  type AppServer,
} from '../bench/server';
import { commandOptions, refuseOption } from '../command-options';
import { MARKER_PATTERN, runEditors, signInEditors, type Submission } from './editors';
import { isError, percentile, runReaders, stopReaders, type RouteRun } from './readers';

const ROUTES = ['/', '/companies', '/companies/salesforce', '/incidents', '/search?q=strike', '/about'];
const DATABASE = 'counterweight';
const EDITOR_PASSWORD = 'loadtest-editor-password';

let database: EmbeddedDatabase | undefined;
let dataDir: string | undefined;
let appDir: string | undefined;
let browser: Browser | undefined;
let server: AppServer | undefined;

async function cleanUp() {
  stopReaders();
  await browser?.close().catch(() => undefined);
  await stopAllServers();
  await database?.stop().catch(() => undefined);
  if (dataDir) await fs.rm(path.dirname(dataDir), { recursive: true, force: true });
  if (appDir) await fs.rm(appDir, { recursive: true, force: true });
}

let shuttingDown = false;
async function shutdown(code: number, message?: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (message) console.error(message);
  await cleanUp();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void shutdown(130, `\n${signal}: stopping the load test …`));
}
process.on('uncaughtException', (error) => void shutdown(1, `\nThe load test failed: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => void shutdown(1, `\nThe load test failed: ${String(error)}`));
process.on('exit', () => killAllServersNow());

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : '–');

function printReaders(runs: RouteRun[], from = 0, to = Number.POSITIVE_INFINITY) {
  // A 503 is the server saying the database is away (scripts/serve.ts): counted apart from errors.
  console.log('  route                      requests   errors      503   p50       p95       max');
  for (const run of runs) {
    const samples = run.samples.filter((sample) => sample.at >= from && sample.at < to);
    const ok = samples.filter((sample) => !isError(sample)).map((sample) => sample.ms);
    const unavailable = samples.filter((sample) => sample.status === 503).length;
    const errors = samples.length - ok.length - unavailable;
    console.log(
      `  ${run.route.padEnd(26)} ${String(samples.length).padStart(8)} ${String(errors).padStart(8)} ${String(unavailable).padStart(8)}   ` +
        `${ms(percentile(ok, 50)).padEnd(9)} ${ms(percentile(ok, 95)).padEnd(9)} ${ms(Math.max(0, ...ok))}`,
    );
  }
}

function printEditors(submissions: Submission[]) {
  const acknowledged = submissions.filter((submission) => submission.acknowledged);
  const latencies = acknowledged.map((submission) => submission.finished - submission.started);
  console.log(
    `  editors: ${submissions.length} submissions tried, ${acknowledged.length} acknowledged, ` +
      `${submissions.length - acknowledged.length} failed; form to confirmation p50 ${ms(percentile(latencies, 50))}, ` +
      `p95 ${ms(percentile(latencies, 95))}`,
  );
  const reasons = new Map<string, number>();
  for (const submission of submissions) {
    if (submission.error) reasons.set(submission.error, (reasons.get(submission.error) ?? 0) + 1);
  }
  for (const [reason, count] of reasons) console.log(`    ${count} × ${reason}`);
}

/** Every acknowledged submission is stored exactly once; says what else is stored. */
async function checkStored(submissions: Submission[]): Promise<boolean> {
  if (!database) throw new Error('no database');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let rows: { marker: string; count: string }[];
  try {
    rows = (
      await client.query<{ marker: string; count: string }>(
        `SELECT substring(payload::text from '${MARKER_PATTERN}') AS marker, count(*)::text AS count
           FROM change_requests WHERE payload::text ~ '${MARKER_PATTERN}' GROUP BY 1`,
      )
    ).rows;
  } finally {
    await client.end();
  }
  const stored = new Map(rows.map((row) => [row.marker, Number(row.count)]));
  const acknowledged = submissions.filter((submission) => submission.acknowledged);
  const missing = acknowledged.filter((submission) => !stored.has(submission.marker));
  const duplicated = [...stored].filter(([, count]) => count > 1);
  const unacknowledgedButStored = submissions.filter((s) => !s.acknowledged && stored.has(s.marker));
  const good = missing.length === 0 && duplicated.length === 0;
  console.log(
    `  stored: ${acknowledged.length - missing.length} of ${acknowledged.length} acknowledged submissions found, ` +
      `${missing.length} missing, ${duplicated.length} stored more than once` +
      `${unacknowledgedButStored.length ? `; ${unacknowledgedButStored.length} not acknowledged but stored (the confirmation was lost)` : ''}` +
      ` — ${good ? 'OK' : 'NOT OK'}`,
  );
  for (const submission of missing.slice(0, 5)) console.log(`    missing: ${submission.marker}`);
  for (const [marker, count] of duplicated.slice(0, 5)) console.log(`    ${count} ×: ${marker}`);
  return good;
}

async function main() {
  const usage =
    'Usage: npm run loadtest [-- --duration=60 --readers=64 --editors=8 --fault-duration=20 --outage=5 --rebuild]';
  const { 'fault-duration': faultDuration, ...options } = commandOptions(
    process.argv.slice(2),
    {
      duration: { fallback: 60, min: 1, max: 3600 },
      // At least one connection per route.
      readers: { fallback: 64, min: ROUTES.length, max: 1024, integer: true },
      editors: { fallback: 8, min: 1, max: 64, integer: true },
      'fault-duration': { fallback: 20, min: 2, max: 600 },
      outage: { fallback: 5, min: 1, max: 600 },
    },
    ['rebuild'],
    usage,
  );
  if (options.outage >= faultDuration) {
    refuseOption('--outage must be shorter than --fault-duration: the outage falls in its middle.', usage);
  }
  const runId = randomBytes(4).toString('hex');
  const started = performance.now();

  console.log('Database: a temporary embedded PostgreSQL with the demo data …');
  dataDir = await makeTemporaryDataDir('counterweight-loadtest-');
  let port = await findFreePort();
  while (port === 3000) port = await findFreePort();
  const startDatabase = () =>
    startEmbeddedPostgres({ dataDir: dataDir as string, database: DATABASE, persistent: true, port });
  database = await startDatabase();
  await applyMigrations(database.url);
  const client = createDatabaseClient(database.url, { max: 4 });
  await seedDemoData(client);
  const accounts = Array.from({ length: options.editors }, (_unused, index) => ({
    email: `loadtest-editor-${index + 1}@counterweight.example`,
    password: EDITOR_PASSWORD,
  }));
  for (const [index, account] of accounts.entries()) {
    await createUser(client, { ...account, name: `Load-test editor ${index + 1}`, role: 'EDITOR' });
  }
  await client.$disconnect();

  console.log('Build: `next build` if the sources changed, then a private copy of .next …');
  console.log(`  ${await buildApp({ force: options.rebuild })}`);
  appDir = await snapshotBuild();
  // `next start` inherits this environment; Auth.js needs a secret (npm start makes one).
  process.env.AUTH_SECRET ??= randomBytes(32).toString('hex');
  server = await startServer(appDir, database.url);
  const url = server.url;
  for (const route of ROUTES) await (await fetch(`${url}${route}`)).arrayBuffer();
  browser = await launchBrowser();
  const editors = await signInEditors(browser, url, accounts);
  console.log(
    `Ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${url}, ${editors.length} editors signed in.\n`,
  );

  // 1. Steady load.
  console.log(
    `Load: ${options.readers} readers over ${ROUTES.length} routes and ${options.editors} editors for ${options.duration} s …`,
  );
  const until = performance.now() + options.duration * 1000;
  const [readers, submissions] = await Promise.all([
    runReaders(url, ROUTES, options.readers, options.duration),
    runEditors(editors, url, runId, until),
  ]);
  printReaders(readers);
  printEditors(submissions);
  const steadyOk = await checkStored(submissions);

  // 2. Faults: the database stops in the middle of a second, shorter load, and starts again.
  console.log(
    `\nFaults: ${faultDuration} s of the same load; the database stops for ${options.outage} s in the middle …`,
  );
  const faultStart = performance.now();
  const faultUntil = faultStart + faultDuration * 1000;
  const outageAt = faultStart + ((faultDuration - options.outage) / 2) * 1000;
  const outage = (async () => {
    await new Promise((resolve) => setTimeout(resolve, outageAt - performance.now()));
    const stopped = performance.now();
    await database?.stop();
    await new Promise((resolve) => setTimeout(resolve, options.outage * 1000));
    database = await startDatabase();
    const restarted = performance.now();
    // Recovery: until /api/health answers 200 again.
    let healthy = Number.NaN;
    while (performance.now() - restarted < 60_000) {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
      await response?.arrayBuffer();
      if (response?.status === 200) {
        healthy = performance.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { stopped, restarted, healthy };
  })();
  const [faultReaders, faultSubmissions, times] = await Promise.all([
    runReaders(url, ROUTES, options.readers, faultDuration),
    runEditors(editors, url, runId, faultUntil, 100_000),
    outage,
  ]);
  console.log(`  before the outage (${((times.stopped - faultStart) / 1000).toFixed(1)} s):`);
  printReaders(faultReaders, 0, times.stopped);
  console.log(`  while the database was stopped (${((times.restarted - times.stopped) / 1000).toFixed(1)} s):`);
  printReaders(faultReaders, times.stopped, times.restarted);
  console.log(`  after it was back:`);
  printReaders(faultReaders, times.restarted);
  console.log(
    `  recovery: /api/health answered 200 ${ms(times.healthy - times.restarted)} after the database was back`,
  );
  const during = faultSubmissions.filter((s) => s.finished >= times.stopped && s.started < times.healthy);
  console.log(
    `  editors during the outage: ${during.length} submissions tried, ${during.filter((s) => s.acknowledged).length} acknowledged`,
  );
  printEditors(faultSubmissions);
  const faultOk = await checkStored([...submissions, ...faultSubmissions]);
  printServerErrors(server.output());

  const totalErrors = readers.reduce((sum, run) => sum + run.samples.filter(isError).length, 0);
  const failed = submissions.filter((s) => !s.acknowledged).length;
  console.log(
    `\nSteady load: ${totalErrors} reader errors, ${failed} failed submissions (goal 0). ` +
      `Stored exactly once: ${steadyOk && faultOk ? 'yes' : 'NO'}.`,
  );
  await shutdown(steadyOk && faultOk && totalErrors === 0 && failed === 0 ? 0 : 1);
}

/**
 * The errors the server logged (the last of its output kept), each kind once with its count: what
 * lies behind an editor's error page, where the report can only say where the page was left.
 */
function printServerErrors(output: string): void {
  const counts = new Map<string, number>();
  for (const line of output.split('\n')) {
    let said: string | null = null;
    try {
      const entry = JSON.parse(line) as { level?: string; message?: string; detail?: unknown; context?: unknown };
      // The message, and the first lines of what Next.js passed on (the failing call, the database's words).
      const detail = typeof entry.detail === 'string' ? entry.detail : JSON.stringify(entry.context ?? '');
      const lines = detail
        .split('\n')
        .map((part) => part.trim())
        .filter((part) => part && !part.startsWith('at '));
      if (entry.level === 'error')
        said = `${entry.message ?? ''} ${lines.slice(0, 2).join(' ')}`.replace(/127\.0\.0\.1:\d+/g, 'the database');
    } catch {
      // Not one of the app's lines: Next.js's own error output starts with ⨯.
      if (line.trimStart().startsWith('⨯')) said = line.trim();
    }
    if (said) counts.set(said.slice(0, 240), (counts.get(said.slice(0, 240)) ?? 0) + 1);
  }
  if (counts.size === 0) return;
  console.log(`  the server's errors (of its last ${output.length.toLocaleString('en-US')} characters of output):`);
  for (const [said, count] of [...counts].slice(0, 8)) console.log(`    ${count} × ${said}`);
}

void main().catch((error: unknown) =>
  shutdown(1, `\nThe load test failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
);
