import bcrypt from 'bcryptjs';
import { z } from 'zod';
import type { Role } from '../generated/prisma/enums';
import { typedText } from '../validation/records';
import type { Db } from './types';

export const ROLES = ['EDITOR', 'REVIEWER', 'ADMIN'] as const;

export const newUserSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .email('Give a valid email address.')
    .max(320, 'The email address can be at most 320 characters.'),
  name: z
    .string()
    .trim()
    .min(1, 'Give a name.')
    .max(120, 'The name can be at most 120 characters.')
    .refine(...typedText('The name')),
  role: z.enum(ROLES, { error: 'The role is editor, reviewer or admin.' }),
  // bcrypt reads only the first 72 bytes of a password: a longer one would be checked on its start alone.
  password: z
    .string()
    // Too short (or not typed at all) is all there is to say: nothing typed is not 'spaces only'.
    .min(12, { error: 'The password needs at least 12 characters.', abort: true })
    // Spaces count (a passphrase has them), but a password of nothing else is no secret.
    .refine((value) => /\S/.test(value), {
      error: 'The password cannot be spaces only: use letters, digits or signs too.',
      abort: true,
    })
    .refine((value) => Buffer.byteLength(value, 'utf8') <= 72, {
      error: 'The password can be at most 72 bytes long (72 plain letters; fewer with accents or other scripts).',
      abort: true,
    })
    .refine(
      (value) => !guessable(value),
      'The password is too easy to guess: a few characters repeated, a short word said again (“passwordpassword”), or a run along the keyboard or the alphabet (“123456789012”, “qwertyuiopas”). Choose another.',
    ),
});
export type NewUser = z.infer<typeof newUserSchema>;

/** Runs a guesser tries first: the alphabet, the digits, the keyboard's rows (each read both ways). */
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789',
  '`1234567890-=',
  'qwertyuiopasdfghjklzxcvbnm',
  "qwertyuiop[]\\asdfghjkl;'zxcvbnm,./",
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

/**
 * A password a guesser's first tries find whatever its length: at most three different characters
 * ("aaaaaaaaaaaa", "121212121212"), a short word said again and again, or one run along the alphabet, the digits or a row of the
 * keyboard, forwards or backwards, once or over again ("123456789012", "qwertyuiopas").
 */
export function guessable(password: string): boolean {
  const text = password.toLowerCase().replace(/\s+/g, '');
  if (new Set(text).size <= 3) return true;
  // A short word said again ("passwordpassword", "abc123abc123").
  if (/^(.{1,8}?)\1+$/u.test(text)) return true;
  const runs = [...RUNS, ...RUNS.map((run) => [...run].reverse().join(''))].map((run) =>
    run.repeat(Math.ceil(text.length / run.length) + 1),
  );
  return runs.some((run) => run.includes(text));
}

/** Creates an account with a bcrypt-hashed password and records it in the audit log. */
export async function createUser(
  db: Db,
  input: NewUser,
  /** Who made it (none: a command), and from which address (lib/client-address.ts), for the audit log. */
  { actorId, ip }: { actorId?: string; ip?: string } = {},
): Promise<{ id: string }> {
  const user = await db.user.create({
    data: {
      email: input.email,
      name: input.name,
      role: input.role as Role,
      passwordHash: await bcrypt.hash(input.password, 12),
    },
    select: { id: true },
  });
  await db.auditEvent.create({
    data: {
      kind: 'USER_CREATED',
      userId: user.id,
      actorId: actorId ?? null,
      ip: ip ?? null,
      email: input.email,
      details: { role: input.role },
    },
  });
  return user;
}

/** The demo accounts, one per role, created only for the embedded demo database (see the README). */
export const DEMO_ACCOUNTS: NewUser[] = [
  { email: 'editor@counterweight.example', name: 'Demo Editor', role: 'EDITOR', password: 'demo-editor-password' },
  {
    email: 'reviewer@counterweight.example',
    name: 'Demo Reviewer',
    role: 'REVIEWER',
    password: 'demo-reviewer-password',
  },
  { email: 'admin@counterweight.example', name: 'Demo Admin', role: 'ADMIN', password: 'demo-admin-password' },
];

export async function createDemoAccounts(db: Db): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    if (!(await db.user.findUnique({ where: { email: account.email }, select: { id: true } })))
      await createUser(db, account);
  }
}
