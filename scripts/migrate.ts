// Applies the committed migrations: `npm run db:migrate` (DATABASE_URL or the embedded database).
import './node-version';
import './env-file';
import './one-line-failures';
import { commandOptions } from './command-options';
import { openDatabase } from '../lib/database/local';
import { applyMigrations } from '../lib/database/schema-engine';

// It takes no options: `--help` prints what it does; anything else is refused before any work.
commandOptions(
  process.argv.slice(2),
  {},
  [],
  'Usage: npm run db:migrate\nApplies the committed migrations to DATABASE_URL, or to the embedded database.',
);

const database = await openDatabase({ announce: true });
try {
  const applied = await applyMigrations(database.url);
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await database.close();
}
