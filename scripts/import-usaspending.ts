// Imports a USAspending "Prime Award Summaries" contracts download:
// `npm run import:usaspending -- <file.csv> [--check]`. Runs on DATABASE_URL or the embedded
// database; migrations are applied first. The file is read, checked and written a part at a time in
// one transaction; a file with any problem is rolled back whole, every problem named. With
// `--check`, every file is rolled back: the report says what importing it would do.
import './node-version';
import './env-file';
import './one-line-failures';
import fs from 'node:fs';
import { fileArgument } from './command-options';
import { cannotRead } from '../lib/file-refusal';
import { createDatabaseClient } from '../lib/database/client';
import { openDatabase } from '../lib/database/local';
import { applyMigrationsSaying } from '../lib/database/schema-engine';
import { ImportFileError } from '../lib/import/collective-action-file';
import { importUsaspendingContracts } from '../lib/import/usaspending-import';
import { printUsaspendingReport } from '../lib/import/usaspending-report';
import { importNotMade } from './import-refusal';
import { checkHealth } from '../lib/health';

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const file = fileArgument(
  args.filter((arg) => arg !== '--check'),
  'Usage: npm run import:usaspending -- <path to a Prime Award Summaries contracts .csv> [--check]  (--check says what importing it would do, and writes nothing)',
);
try {
  // Found out now, before the database starts: a folder, or anything but a file (a pipe would be
  // waited on for ever), is refused; a file is opened and closed to know it can be read.
  const stat = fs.statSync(file);
  if (stat.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
  if (!stat.isFile()) throw Object.assign(new Error(), { code: 'not a file' });
  fs.closeSync(fs.openSync(file, 'r'));
} catch (error) {
  console.error(cannotRead(file, error));
  process.exit(1);
}

const database = await openDatabase({ announce: true });
const client = createDatabaseClient(database.url);
let failed = false;
try {
  // A check writes nothing, migrations included: on a database behind this version it stops there.
  const stale = checkOnly ? await notCurrent() : null;
  if (!checkOnly) await applyMigrationsSaying(database.url);
  if (stale) {
    console.error(stale);
    failed = true;
  } else {
    const report = await importUsaspendingContracts(client, fs.createReadStream(file, { highWaterMark: 1 << 20 }), {
      checkOnly,
    });
    printUsaspendingReport(report, console.log);
    // A header without rows imports nothing, and the report says why: no success, as an empty list is none for import:cat.
    if (report.rows === 0) failed = true;
  }
} catch (error) {
  const notMade = error instanceof ImportFileError ? `${file}: ${error.message}` : importNotMade(error);
  if (notMade === null) throw error;
  console.error(notMade);
  failed = true;
} finally {
  await client.$disconnect();
  await database.close();
}
if (failed) process.exit(1);

/** Why a check cannot be made on this database (its migrations behind this version's), or null. */
async function notCurrent(): Promise<string | null> {
  const { report } = await checkHealth((sql) => client.$queryRawUnsafe(sql), { timeoutMs: 10_000 });
  if (report.migrations === 'current') return null;
  if (report.migrations === 'behind') {
    const count = report.missing?.length ?? 0;
    return `The database is behind this version of Counterweight (${count} migration${count === 1 ? '' : 's'} not applied), and a check writes nothing, not even them: apply them first (npm run db:migrate), or import without --check, which applies them.`;
  }
  return `Whether the database is current cannot be told (${report.reason ?? 'its migrations could not be read'}), so nothing was checked.`;
}
