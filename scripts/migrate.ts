// Applies the committed migrations: `npm run db:migrate` (DATABASE_URL or the embedded database).
import { openDatabase } from '../lib/database/local';
import { applyMigrations } from '../lib/database/schema-engine';

const database = await openDatabase({ announce: true });
try {
  const applied = await applyMigrations(database.url);
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await database.close();
}
