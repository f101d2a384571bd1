// Creates an account: `npm run user:create -- --email ada@example.org --role admin [--name "Ada L."]`.
// The password comes from COUNTERWEIGHT_PASSWORD, or is asked for (not echoed).
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createDatabaseClient } from '../lib/database/client';
import { openDatabase } from '../lib/database/local';
import { applyMigrations } from '../lib/database/schema-engine';
import { createUser, newUserSchema } from '../lib/records/users';

const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string', default: 'editor' }, name: { type: 'string' } },
});

async function askPassword(): Promise<string> {
  if (process.env.COUNTERWEIGHT_PASSWORD) return process.env.COUNTERWEIGHT_PASSWORD;
  if (!process.stdin.isTTY)
    throw new Error('Set COUNTERWEIGHT_PASSWORD, or run this in a terminal to type the password.');
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed: the prompt is written, then echo is suppressed.
  const write = (prompt as unknown as { _writeToOutput: (text: string) => void })._writeToOutput;
  (prompt as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => {
    if (text.startsWith('Password')) write.call(prompt, text);
  };
  const password = await prompt.question('Password (at least 12 characters): ');
  prompt.close();
  process.stdout.write('\n');
  return password;
}

const parsed = newUserSchema.safeParse({
  email: values.email,
  name: values.name ?? values.email?.split('@')[0],
  role: values.role?.toUpperCase(),
  password: await askPassword(),
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${String(issue.path[0])}: ${issue.message}`);
  console.error('Usage: npm run user:create -- --email <email> --role editor|reviewer|admin [--name <name>]');
  process.exit(1);
}

const database = await openDatabase();
const client = createDatabaseClient(database.url);
try {
  await applyMigrations(database.url);
  if (await client.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } })) {
    console.error(`An account for ${parsed.data.email} exists already.`);
    process.exitCode = 1;
  } else {
    await createUser(client, parsed.data);
    console.log(`Created ${parsed.data.role.toLowerCase()} ${parsed.data.email}.`);
  }
} finally {
  await client.$disconnect();
  await database.close();
}
