import 'server-only';
import bcrypt from 'bcryptjs';
import { addressBlock } from '../client-address';
import { db } from '../db';
import { UNSTORABLE } from '../text';

/**
 * Failed sign-ins allowed in the window before further attempts are refused: for one account from
 * one address, for one account from anywhere, and from one address for any account. The last two
 * do not apply where the account signed in before (from that address, in the last `knownDays`), so
 * that a stranger failing on purpose cannot lock its owner out; the first always does.
 */
export const LIMITS = { perPair: 5, perAccount: 10, perAddress: 20, windowMinutes: 15, knownDays: 30 };

// Compared against when the account does not exist, so that a wrong email takes as long as a
// wrong password and the answer reveals nothing.
const DUMMY_HASH = '$2b$12$NZsKRYeL5jQkdJTsLZ3C3.lyDyLfdpF5ENTJo9iyPKunh.23uOiNK';

/** How long a password's check takes here (a moving average), for a refusal to take as long. */
let typicalCheckMs = 250;

export type CredentialsResult =
  { ok: true; user: { id: string; email: string; name: string } } | { ok: false; reason: 'invalid' | 'rate-limited' };

/**
 * Checks an email and password, with the limits above, and records the attempt in the audit log.
 * A disabled account, an unknown email and a wrong password all fail the same way.
 */
export async function verifyCredentials(
  email: string,
  password: string,
  ip: string,
  // A signed-in person confirming their password (lib/data/account.ts) learns nothing from being
  // told it is wrong: the limits' answer hides only who signed in where from strangers.
  { signedIn = false }: { signedIn?: boolean } = {},
): Promise<CredentialsResult> {
  const key = email.trim().toLowerCase().slice(0, 320);
  // No account has such an address, and the attempt could not be written down: a wrong email,
  // not the database failing (which is what sign-in said, with an error in the log each time).
  if (UNSTORABLE.test(key)) return { ok: false, reason: 'invalid' };
  // Counted by its block (an IPv6 client's /64); the audit log keeps the address itself.
  const from = addressBlock(ip);
  const now = Date.now();
  const since = new Date(now - LIMITS.windowMinutes * 60_000);
  // The attempt is written (as failed) before it is judged, so that attempts sent at once each count
  // the others: a burst cannot slip past the limits while their passwords are being checked.
  const attempt = await db.loginAttempt.create({
    data: { email: key, ip: from, succeeded: false },
    select: { id: true },
  });
  const failed = (where: { email?: string; ip?: string }) =>
    db.loginAttempt.count({
      where: { ...where, succeeded: false, createdAt: { gte: since }, id: { not: attempt.id } },
    });
  const [pair, account, address, known] = await Promise.all([
    failed({ email: key, ip: from }),
    failed({ email: key }),
    failed({ ip: from }),
    db.loginAttempt.count({
      where: {
        email: key,
        ip: from,
        succeeded: true,
        createdAt: { gte: new Date(now - LIMITS.knownDays * 86_400_000) },
      },
    }),
  ]);
  const closed = account >= LIMITS.perAccount || address >= LIMITS.perAddress;
  if (pair >= LIMITS.perPair || (closed && known === 0)) {
    // A refused attempt is not one more failure: waiting out the window is enough.
    await db.loginAttempt.delete({ where: { id: attempt.id } });
    await logBlocked({ email: key, ip, block: from, since });
    // As long as a password's check takes, without doing it: the time of an answer does not tell
    // an account that is known here, whose password is checked (below), from any other.
    await new Promise((resolve) => setTimeout(resolve, typicalCheckMs));
    return { ok: false, reason: 'rate-limited' };
  }

  const user = await db.user.findUnique({
    where: { email: key },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  const started = performance.now();
  const matches = await bcrypt.compare(password.slice(0, 200), user?.passwordHash ?? DUMMY_HASH);
  typicalCheckMs = 0.8 * typicalCheckMs + 0.2 * (performance.now() - started);
  const succeeded = Boolean(user && user.passwordHash && matches && !user.disabledAt);
  // Why, for the admins reading the audit log (the person signing in is told only that it failed).
  const why = succeeded
    ? null
    : !user
      ? 'no account with this address'
      : user.disabledAt
        ? matches && user.passwordHash
          ? 'the account is disabled (the password was right)'
          : 'the account is disabled'
        : !user.passwordHash
          ? 'the account has no password (it signs in with GitHub)'
          : 'wrong password';
  await db.$transaction([
    db.loginAttempt.update({ where: { id: attempt.id }, data: { succeeded } }),
    db.auditEvent.create({
      data: {
        kind: succeeded ? 'SIGN_IN' : 'SIGN_IN_FAILED',
        userId: succeeded ? user?.id : null,
        email: key,
        ip,
        ...(why ? { details: { reason: why } } : {}),
      },
    }),
    // Attempts older than the limits look back are of no more use (the audit log keeps the story):
    // cleared at each successful sign-in, so that failures cannot pile up for ever.
    ...(succeeded
      ? [db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now - LIMITS.knownDays * 86_400_000) } } })]
      : []),
  ]);
  // Where the limits closed the account or the address to all but those known there, a wrong
  // password of a known account is answered as every other attempt is: refused for the limits
  // (else the answer would say which accounts signed in from here).
  if (!succeeded || !user) return { ok: false, reason: closed && !signedIn ? 'rate-limited' : 'invalid' };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

/**
 * The audit log's line for a refused attempt. Refusals are cheap to provoke, one request each: those
 * from one address (an IPv6 client's /64) within the window are counted on its latest line
 * (`repeated`, and `last` when the latest was), so that a flood of them cannot fill the log. Each is
 * one statement on its own, holding no lock beyond it: a flood does not queue on a transaction. (A
 * burst of first refusals at the same moment may each open a line.)
 */
async function logBlocked({ email, ip, block, since }: { email: string; ip: string; block: string; since: Date }) {
  const counted = await db.$executeRaw`UPDATE audit_events SET details = details
    || jsonb_build_object('repeated', COALESCE((details->>'repeated')::int, 0) + 1, 'last', now())
    WHERE id = (SELECT id FROM audit_events
                WHERE kind = 'SIGN_IN_BLOCKED' AND created_at >= ${since} AND details->>'block' = ${block}
                ORDER BY created_at DESC LIMIT 1)`;
  if (counted === 0) await db.auditEvent.create({ data: { kind: 'SIGN_IN_BLOCKED', email, ip, details: { block } } });
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12);
}
