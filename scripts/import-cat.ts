// Imports the Collective Action in Tech data set: `npm run import:cat -- <actions.json>`.
// Runs on DATABASE_URL or the embedded database; migrations are applied first.
import './node-version';
import './env-file';
import './one-line-failures';
import fs from 'node:fs/promises';
import { fileArgument } from './command-options';
import { cannotRead } from '../lib/file-refusal';
import { createDatabaseClient } from '../lib/database/client';
import { openDatabase } from '../lib/database/local';
import { applyMigrationsSaying } from '../lib/database/schema-engine';
import { ImportFileError, parseCollectiveActionFile } from '../lib/import/collective-action-file';
import { importCollectiveActions } from '../lib/import/collective-action-import';
import { printImportReport } from '../lib/import/report';
import { importNotMade } from './import-refusal';

const file = fileArgument(process.argv.slice(2), 'Usage: npm run import:cat -- <path to actions.json>');

let text: string;
try {
  text = await fs.readFile(file, 'utf8');
} catch (error) {
  console.error(cannotRead(file, error));
  process.exit(1);
}

let parsed;
try {
  parsed = parseCollectiveActionFile(text);
} catch (error) {
  if (error instanceof ImportFileError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const database = await openDatabase({ announce: true });
const client = createDatabaseClient(database.url);
let failed = false;
try {
  await applyMigrationsSaying(database.url);
  const report = await importCollectiveActions(client, parsed);
  printImportReport(report, console.log);
} catch (error) {
  const notMade = importNotMade(error);
  if (notMade === null) throw error;
  console.error(notMade);
  failed = true;
} finally {
  await client.$disconnect();
  await database.close();
}
if (failed) process.exit(1);
