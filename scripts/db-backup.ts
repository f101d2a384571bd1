// Writes a backup of the whole database: `npm run db:backup [-- <file> [--force]]`
// (DATABASE_URL or the embedded database). Restore it with `npm run db:restore -- <file>`.
import './node-version';
import './env-file';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileArgument } from './command-options';
import { failureLine, writeBackup } from '../lib/database/backup';
import { BACKUP_DIR, DATA_DIR, openDatabase } from '../lib/database/local';
import { shownPath } from '../lib/file-refusal';

const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');
const args = process.argv.slice(2);
const force = args.includes('--force');
const named = fileArgument(
  args.filter((arg) => arg !== '--force'),
  'Usage: npm run db:backup [-- <file> [--force]]  (--force replaces a file of that name)',
  { optional: true },
);
const file = path.resolve(named ?? path.join(BACKUP_DIR, `counterweight-${stamp}.jsonl.gz`));

// A backup holds every account's email and password hash: inside the project, only where git leaves
// it out (a name ending in .jsonl.gz, or the data folder), so that it is never committed by mistake.
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** The file's path under the folder, or null when it is not under it ("..x.dump" is). */
const under = (folder: string) => {
  const relative = path.relative(folder, file);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? null : relative;
};
const inProject = under(root);
// What .gitignore leaves out: .data/ and .data-*/ (other copies' folders), and *.jsonl.gz anywhere.
const ignored = (relative: string) => /^\.data(?:-[^/\\]*)?[/\\]/.test(relative) || relative.endsWith('.jsonl.gz');
if (inProject !== null && under(DATA_DIR) === null && !ignored(inProject)) {
  console.error(
    `A backup holds every account's email and password hash, and git would not leave ${shownPath(file)} out of a commit. ` +
      `Inside the project, give it a name ending in .jsonl.gz (which git ignores), or write it outside the project.`,
  );
  process.exit(1);
}

const database = await openDatabase({ announce: true, existing: 'back up' });
let failed = false;
try {
  const summary = await writeBackup(database.url, file, { replace: force });
  console.log(
    `Backed up ${summary.rows} rows of ${summary.tables} tables (migrations up to ${summary.migrations.at(-1) ?? 'none'}) ` +
      `in ${(summary.durationMs / 1000).toFixed(1)} s:`,
  );
  console.log(`  ${shownPath(summary.file)} (${(summary.bytes / 1024).toFixed(0)} KB)`);
  // Where the data folder is, as it was given: .data unless COUNTERWEIGHT_DATA_DIR says otherwise.
  if (!named) console.log(`Keep a copy on another machine: ${shownPath(DATA_DIR)} is not in git.`);
} catch (error) {
  console.error(failureLine(error, 'backup'));
  failed = true;
} finally {
  await database.close();
}
if (failed) process.exit(1);
