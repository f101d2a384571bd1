// Creates an account: `npm run user:create -- --email ada@example.org --role admin [--name "Ada L."]`.
// The password comes from COUNTERWEIGHT_PASSWORD, or is asked for (not shown as typed).
import './node-version';
import './env-file';
import './one-line-failures';
import { parseArgs } from 'node:util';
import { createDatabaseClient } from '../lib/database/client';
import { openDatabase } from '../lib/database/local';
import { applyMigrationsSaying } from '../lib/database/schema-engine';
import { Prisma } from '../lib/generated/prisma/client';
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

/** The password, or why there is none (said once the database is put away). */
async function askPassword(): Promise<{ password: string } | { refusal: string }> {
  if (process.env.COUNTERWEIGHT_PASSWORD) return { password: process.env.COUNTERWEIGHT_PASSWORD };
  if (!process.stdin.isTTY)
    return { refusal: 'Set COUNTERWEIGHT_PASSWORD, or run this in a terminal to type the password.' };
  const password = await askHidden('Password (12 to 72 plain characters; fewer with accents; not shown as you type): ');
  // One the account's rules refuse is said at once, not after it has been typed a second time.
  const checked = newUserSchema.shape.password.safeParse(password);
  if (!checked.success) return { refusal: `password: ${checked.error.issues[0]?.message ?? 'not accepted'}` };
  // Typed unseen: a slip would go unnoticed until the first sign-in fails.
  if ((await askHidden('The same password again: ')) !== password)
    return { refusal: 'The two passwords differ: nothing was created.' };
  return { password };
}

if (!values.email) fail('Give the account’s email address: --email <email>', USAGE);
const account = {
  email: values.email,
  name: values.name ?? values.email.split('@')[0],
  role: values.role?.toUpperCase(),
};
/** The problems of the account's fields, one line each. */
const issueLines = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);

// The email, name and role are checked before the password is asked for,
const named = newUserSchema.omit({ password: true }).safeParse(account);
if (!named.success) fail(...issueLines(named.error.issues), USAGE);

// and so is the database: one that is not there (a data folder mistyped, or never started) is not
// made for an account no server would read, and an email it has already asks for no password.
const database = await openDatabase({ existing: 'add an account to' });
const client = createDatabaseClient(database.url);
let refusal: string | null = null;
try {
  await applyMigrationsSaying(database.url);
  const email = named.data.email;
  if (await client.user.findUnique({ where: { email }, select: { id: true } })) {
    refusal = `An account for ${email} exists already.`;
  } else {
    const asked = await askPassword();
    if ('refusal' in asked) refusal = asked.refusal;
    else {
      const parsed = newUserSchema.safeParse({ ...account, password: asked.password });
      // A password too short or too long: said alone, the command was used as it should be.
      if (!parsed.success) refusal = issueLines(parsed.error.issues).join('\n');
      else {
        try {
          await createUser(client, parsed.data);
          console.log(`Created ${parsed.data.role.toLowerCase()} ${parsed.data.email}.`);
        } catch (error) {
          // Made by someone else meanwhile (the password's hashing takes a moment).
          if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
          refusal = `An account for ${email} exists already.`;
        }
      }
    }
  }
} finally {
  await client.$disconnect();
  await database.close();
}
// Set explicitly: the embedded database's exit hook would end the process with success otherwise.
if (refusal) fail(refusal);
