// Restores a backup made by `npm run db:backup`: `npm run db:restore -- <file> [--force]`
// (DATABASE_URL or the embedded database). The file is checked whole first, before any database
// is opened or made. The database must be empty, or migrated no further than the backup; --force
// replaces the data a non-empty one holds, not migrations later than the backup's. The restore
// ends every session: everyone signs in again.
import './node-version';
import './env-file';
import { fileArgument } from './command-options';
import { failureLine, restoreBackup, verifyBackup, type BackupHeader } from '../lib/database/backup';
import { openDatabase } from '../lib/database/local';
import { DEMO_ACCOUNTS } from '../lib/records/users';
import pg from 'pg';

const args = process.argv.slice(2);
const force = args.includes('--force');
const file = fileArgument(
  args.filter((arg) => arg !== '--force'),
  'Usage: npm run db:restore -- <backup file> [--force]',
);

let verified: BackupHeader;
try {
  verified = await verifyBackup(file);
} catch (error) {
  console.error(failureLine(error, 'restore'));
  process.exit(1);
}

const database = await openDatabase({ announce: true });
let failed = false;
try {
  const summary = await restoreBackup(database.url, file, {
    force,
    verified,
    print: (line) => console.log(line),
  });
  if (summary.appliedMigrations.length) console.log(`Applied the migrations ${summary.appliedMigrations.join(', ')}.`);
  console.log(
    `Restored ${summary.rows} rows of ${summary.tables} tables in ${(summary.durationMs / 1000).toFixed(1)} s.`,
  );
  if (summary.sessionsEnded !== null) {
    console.log(
      `Ended every session (${summary.sessionsEnded} ${summary.sessionsEnded === 1 ? 'account' : 'accounts'}): everyone signs in again.`,
    );
  } else {
    console.log(
      'Sessions were not ended (the backup predates users.sessions_valid_from): they last until they expire, or until AUTH_SECRET changes.',
    );
  }
  if (summary.laterMigrations.length) {
    console.log(
      `This checkout has newer migrations (${summary.laterMigrations.join(', ')}): the next npm start or npm run db:migrate applies them.`,
    );
  }
  // The demo database's accounts, whose passwords the README publishes, come along with its data.
  const demo = await enabledDemoAccounts(database.url);
  if (demo.length) {
    console.log(
      `The restored accounts include the demo ${demo.length === 1 ? 'account' : 'accounts'} ${demo.join(', ')}, whose passwords the README publishes: disable ${demo.length === 1 ? 'it' : 'them'} at /admin unless this database is only for trying Counterweight out.`,
    );
  }
  if (database.origin === 'running embedded') console.log('Restart npm start so that the app shows the restored data.');
  if (database.origin === 'DATABASE_URL') {
    console.log("Restart the app's server on this database so that it shows the restored data.");
  }
} catch (error) {
  console.error(failureLine(error, 'restore'));
  failed = true;
} finally {
  await database.close();
}
if (failed) process.exit(1);

/** The demo accounts a database holds, enabled, by email. */
async function enabledDemoAccounts(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string }>(
      'SELECT email FROM users WHERE disabled_at IS NULL AND email = ANY($1::text[]) ORDER BY email',
      [DEMO_ACCOUNTS.map((account) => account.email)],
    );
    return rows.map((row) => row.email);
  } finally {
    await client.end();
  }
}
