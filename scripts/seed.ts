// Loads the demo data into an empty database: `npm run db:seed`.
import './node-version';
import './env-file';
import './one-line-failures';
import { commandOptions } from './command-options';
import { createDatabaseClient } from '../lib/database/client';
import { openDatabase } from '../lib/database/local';
import { applyMigrationsSaying } from '../lib/database/schema-engine';
import { demoDataNotLoaded, seedDemoData } from '../lib/seed/demo';

// It takes no options: `--help` prints what it does; anything else is refused before any work.
commandOptions(
  process.argv.slice(2),
  {},
  [],
  'Usage: npm run db:seed\nLoads the demo data into an empty database (DATABASE_URL, or the embedded one); a database that holds data is left as it is.',
);

const database = await openDatabase({ announce: true });
const client = createDatabaseClient(database.url);
try {
  await applyMigrationsSaying(database.url);
  // As `npm start` seeds it: the demo accounts go into the embedded database only.
  const result = await seedDemoData(client, { demoAccounts: database.origin !== 'DATABASE_URL' });
  console.log(
    result.seeded
      ? `Loaded the demo data in ${(result.durationMs / 1000).toFixed(1)} s (${result.report.created.actions} actions).`
      : (demoDataNotLoaded(result) ?? 'The database holds the demo data already: nothing was loaded.'),
  );
} finally {
  await client.$disconnect();
  await database.close();
}
