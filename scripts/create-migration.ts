// Writes a new migration from the difference between the last migration's schema snapshot and
// prisma/schema.prisma: `npm run db:migration:create -- <name>`. Works offline (see
// docs/decisions/002-offline-migrations.md); hand-written SQL can be appended to the file after.
import './node-version';
import './env-file';
import fs from 'node:fs';
import path from 'node:path';
import { makeTemporaryDataDir, startEmbeddedPostgres } from '../lib/database/embedded';
import { diffLastMigrationToSchema, SNAPSHOT_FILE } from '../lib/database/schema-engine';

const USAGE = 'Usage: npm run db:migration:create -- <name_in_snake_case>';
const name = process.argv[2];
if (name === '--help' || name === '-h') {
  console.log(USAGE);
  process.exit(0);
}
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  // Usage errors end with 2, as the other commands' do.
  console.error(
    name
      ? `“${name}” is not a migration name: lower-case letters, digits and underscores, such as contract_status_dates.`
      : 'Name the migration: what it changes, in lower-case letters, digits and underscores, such as contract_status_dates.',
  );
  console.error(USAGE);
  process.exit(2);
}

// The engine needs a live connection even to compare two schemas; a throw-away server will do, in
// a temporary folder removed after it, with the cluster in it.
const dataDir = await makeTemporaryDataDir('counterweight-migration-');
const server = await startEmbeddedPostgres({ dataDir, database: 'scratch', persistent: false });
try {
  const sql = await diffLastMigrationToSchema(server.url);
  if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
    console.log('The schema matches the last migration: nothing to create.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join('prisma', 'migrations', `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
    fs.copyFileSync(path.join('prisma', 'schema.prisma'), path.join(dir, SNAPSHOT_FILE));
    console.log(`Created ${dir}/migration.sql`);
  }
} finally {
  await server.stop();
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
}
