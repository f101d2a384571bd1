// Creates an account: `npm run user:create -- --email ada@example.org --role admin [--name "Ada L."]`.
// The password comes from COUNTERWEIGHT_PASSWORD, or is asked for (not shown as typed).
import './node-version';
import { parseArgs } from 'node:util';
import { createDatabaseClient } from '../lib/database/client';
import { openDatabase } from '../lib/database/local';
import { applyMigrations } from '../lib/database/schema-engine';
import { createUser, newUserSchema } from '../lib/records/users';
import { askHidden } from './hidden-answer';

const USAGE = [
  'Usage: npm run user:create -- --email <email> [--role editor|reviewer|admin] [--name <name>]',
  'The role is editor unless given. The password comes from COUNTERWEIGHT_PASSWORD, or is asked for (not shown as typed).',
].join('\n');

/** Says what went wrong, and how to use the command, then stops with a failure (2 for a misused command, as the others). */
function fail(...lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(lines.includes(USAGE) ? 2 : 1);
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        email: { type: 'string' },
        role: { type: 'string', default: 'editor' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), USAGE);
  }
}

const values = readArgs();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

async function askPassword(): Promise<string> {
  if (process.env.COUNTERWEIGHT_PASSWORD) return process.env.COUNTERWEIGHT_PASSWORD;
  if (!process.stdin.isTTY) fail('Set COUNTERWEIGHT_PASSWORD, or run this in a terminal to type the password.');
  const password = await askHidden('Password (12 to 72 plain characters; fewer with accents; not shown as you type): ');
  // Typed unseen: a slip would go unnoticed until the first sign-in fails.
  if ((await askHidden('The same password again: ')) !== password)
    fail('The two passwords differ: nothing was created.');
  return password;
}

if (!values.email) fail('Give the account’s email address: --email <email>', USAGE);
const account = {
  email: values.email,
  name: values.name ?? values.email.split('@')[0],
  role: values.role?.toUpperCase(),
};
/** The problems of the account's fields, one line each, then how to use the command. */
function failWith(issues: { path: PropertyKey[]; message: string }[]): never {
  return fail(...issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`), USAGE);
}

// The email, name and role are checked before the password is asked for.
const named = newUserSchema.omit({ password: true }).safeParse(account);
if (!named.success) failWith(named.error.issues);
const parsed = newUserSchema.safeParse({ ...account, password: await askPassword() });
if (!parsed.success) failWith(parsed.error.issues);

const database = await openDatabase();
const client = createDatabaseClient(database.url);
let exists = false;
try {
  await applyMigrations(database.url);
  if (await client.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } })) {
    exists = true;
  } else {
    await createUser(client, parsed.data);
    console.log(`Created ${parsed.data.role.toLowerCase()} ${parsed.data.email}.`);
  }
} finally {
  await client.$disconnect();
  await database.close();
}
// Set explicitly: the embedded database's exit hook would end the process with success otherwise.
if (exists) fail(`An account for ${parsed.data.email} exists already.`);
