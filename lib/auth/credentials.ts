import 'server-only';
import bcrypt from 'bcryptjs';
import { db } from '../db';

/** Failed sign-ins allowed in the window, per account and per address, before further attempts are refused. */
export const LIMITS = { perAccount: 5, perAddress: 20, windowMinutes: 15 };

// Compared against when the account does not exist, so that a wrong email takes as long as a
// wrong password and the answer reveals nothing.
const DUMMY_HASH = '$2b$12$NZsKRYeL5jQkdJTsLZ3C3.lyDyLfdpF5ENTJo9iyPKunh.23uOiNK';

export type CredentialsResult =
  { ok: true; user: { id: string; email: string; name: string } } | { ok: false; reason: 'invalid' | 'rate-limited' };

/**
 * Checks an email and password, with rate limiting per account and per address, and records the
 * attempt in the audit log. A disabled account, an unknown email and a wrong password all fail
 * the same way.
 */
export async function verifyCredentials(email: string, password: string, ip: string): Promise<CredentialsResult> {
  const key = email.trim().toLowerCase().slice(0, 320);
  const since = new Date(Date.now() - LIMITS.windowMinutes * 60_000);
  const [accountFailures, addressFailures] = await Promise.all([
    db.loginAttempt.count({ where: { email: key, succeeded: false, createdAt: { gte: since } } }),
    db.loginAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }),
  ]);
  if (accountFailures >= LIMITS.perAccount || addressFailures >= LIMITS.perAddress) {
    await db.auditEvent.create({ data: { kind: 'SIGN_IN_BLOCKED', email: key, ip } });
    return { ok: false, reason: 'rate-limited' };
  }

  const user = await db.user.findUnique({
    where: { email: key },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  const matches = await bcrypt.compare(password.slice(0, 200), user?.passwordHash ?? DUMMY_HASH);
  const succeeded = Boolean(user && user.passwordHash && matches && !user.disabledAt);
  await db.$transaction([
    db.loginAttempt.create({ data: { email: key, ip, succeeded } }),
    db.auditEvent.create({
      data: { kind: succeeded ? 'SIGN_IN' : 'SIGN_IN_FAILED', userId: succeeded ? user?.id : null, email: key, ip },
    }),
  ]);
  if (!succeeded || !user) return { ok: false, reason: 'invalid' };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12);
}
