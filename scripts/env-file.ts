// Imported by the commands after the Node.js check, before anything that reads a setting: the
// project's .env files (lib/env-files.ts), so that every command and the server it starts see the
// same settings, whichever way they were given.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnvFiles } from '../lib/env-files';

readEnvFiles(path.dirname(path.dirname(fileURLToPath(import.meta.url))), process.argv.includes('--dev'));
