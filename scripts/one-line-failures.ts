// Imported by the commands that apply the migrations: a database that refuses them is no fault of the
// command, and is said in one line (the work under way was put away by its `finally` already), not as
// a stack trace. Any other failure is shown whole.
import { MigrationsRefused } from '../lib/database/schema-engine';

process.on('uncaughtException', (error) => {
  console.error(error instanceof MigrationsRefused ? error.message : error);
  process.exit(1);
});
