// Restores a backup made by `npm run db:backup`: `npm run db:restore -- <file> [--force]`
// (DATABASE_URL or the embedded database). The database must be empty (or only migrated);
// --force replaces what it holds. The file is checked whole before anything is written.
import { fileArgument } from './command-options';
import { BackupError, restoreBackup } from '../lib/database/backup';
import { openDatabase } from '../lib/database/local';

const args = process.argv.slice(2);
const force = args.includes('--force');
const file = fileArgument(
  args.filter((arg) => arg !== '--force'),
  'Usage: npm run db:restore -- <backup file> [--force]',
);

const database = await openDatabase({ announce: true });
let failed = false;
try {
  const summary = await restoreBackup(database.url, file, { force, print: (line) => console.log(line) });
  if (summary.appliedMigrations.length) console.log(`Applied the migrations ${summary.appliedMigrations.join(', ')}.`);
  console.log(
    `Restored ${summary.rows} rows of ${summary.tables} tables in ${(summary.durationMs / 1000).toFixed(1)} s.`,
  );
  if (summary.laterMigrations.length) {
    console.log(
      `This checkout has newer migrations (${summary.laterMigrations.join(', ')}): the next npm start or npm run db:migrate applies them.`,
    );
  }
  if (database.origin === 'running embedded') console.log('Restart npm start so that the app shows the restored data.');
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  failed = true;
} finally {
  await database.close();
}
if (failed) process.exit(1);
