// Times the USAspending contract import on a SYNTHETIC file (a benchmark, not a test):
// `npm run bench:usaspending [-- <rows>]` (100,000 rows by default; goal: under 60 s).
import '../node-version';
import '../env-file';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answerHelp, numberIn, refuseOption } from '../command-options';
import { createDatabaseClient } from '../../lib/database/client';
import { makeTemporaryDataDir, startEmbeddedPostgres } from '../../lib/database/embedded';
import { applyMigrations } from '../../lib/database/schema-engine';
import { importUsaspendingContracts } from '../../lib/import/usaspending-import';
import { writeSyntheticFile } from '../../lib/import/usaspending-synthetic';
import { ensureCompanies } from '../../lib/records/companies';

const USAGE = 'Usage: npm run bench:usaspending [-- <rows>]';
answerHelp(process.argv.slice(2), USAGE);
if (process.argv.length > 3)
  refuseOption(`One argument, the number of rows (got ${process.argv.slice(2).join(' ')}).`, USAGE);
const rows = numberIn(
  process.argv[2],
  'The number of rows',
  { fallback: 100_000, min: 1, max: 2_000_000, integer: true },
  USAGE,
);
const dataDir = await makeTemporaryDataDir('counterweight-bench-usaspending-');
const server = await startEmbeddedPostgres({ dataDir, database: 'bench', persistent: false });
const client = createDatabaseClient(server.url);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'usaspending-synthetic-'));
try {
  await applyMigrations(server.url);
  const recipients = Array.from({ length: 40 }, (_, n) => `SYNTHETIC VENDOR ${n + 1}, INC.`);
  await ensureCompanies(
    client,
    recipients.map((name) => ({ name })),
    { actor: 'bench:synthetic', sourceIds: [], status: 'PUBLISHED' },
  );

  const file = path.join(folder, 'synthetic-contracts.csv');
  let started = performance.now();
  const size = await writeSyntheticFile(file, rows, { recipients, unmatchedEvery: 50 });
  console.log(
    `${rows} SYNTHETIC rows, ${(size / 2 ** 20).toFixed(0)} MB, written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const run = async (label: string, source: string) => {
    started = performance.now();
    const report = await importUsaspendingContracts(client, fs.createReadStream(source, { highWaterMark: 1 << 20 }));
    console.log(
      `${label}: ${((performance.now() - started) / 1000).toFixed(1)} s; created ${report.created.contracts}, ` +
        `updated ${report.updated.length}, unchanged ${report.unchanged}; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
    );
  };
  await run('first import', file);
  await run('same file again', file);
  const newer = path.join(folder, 'synthetic-contracts-newer.csv');
  await writeSyntheticFile(newer, rows, { recipients, unmatchedEvery: 50, revision: 1 });
  await run('every amount changed', newer);
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
  await client.$disconnect();
  await server.stop();
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
}
