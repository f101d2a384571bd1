// Loads the demo data into an empty database: `npm run db:seed`.
import { createDatabaseClient } from '../lib/database/client';
import { openDatabase } from '../lib/database/local';
import { applyMigrations } from '../lib/database/schema-engine';
import { seedDemoData } from '../lib/seed/demo';

const database = await openDatabase({ announce: true });
const client = createDatabaseClient(database.url);
try {
  await applyMigrations(database.url);
  // As `npm start` seeds it: the demo accounts go into the embedded database only.
  const result = await seedDemoData(client, { demoAccounts: database.origin !== 'DATABASE_URL' });
  console.log(
    result.seeded
      ? `Loaded the demo data in ${(result.durationMs / 1000).toFixed(1)} s (${result.report.created.actions} actions).`
      : 'The database already holds data: nothing was loaded.',
  );
} finally {
  await client.$disconnect();
  await database.close();
}
