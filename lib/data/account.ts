import 'server-only';
import { z } from 'zod';
import { LIMITS, verifyCredentials, hashPassword } from '../auth/credentials';
import type { SessionUser } from '../auth/roles';
import { db } from '../db';
import { newUserSchema } from '../records/users';
import { fieldErrors } from '../validation/records';
import { ChangeRejected } from './changes';

const passwordChangeSchema = z
  .object({
    current: z.string().min(1, 'Give your present password.').max(200),
    next: newUserSchema.shape.password,
    repeat: z.string().max(200),
  })
  .superRefine((value, context) => {
    if (value.next !== value.repeat) {
      context.addIssue({ code: 'custom', path: ['repeat'], message: 'The two new passwords differ: type it again.' });
    }
    if (value.next === value.current) {
      context.addIssue({ code: 'custom', path: ['next'], message: 'Choose a password other than your present one.' });
    }
  });

/** Whether the person signs in with a password (an account made for GitHub sign-in alone has none). */
export async function hasPassword(user: SessionUser): Promise<boolean> {
  const account = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  return Boolean(account?.passwordHash);
}

/**
 * Changes the signed-in person's password, once their present one is confirmed (checked as a
 * sign-in is: the same limits on attempts, and in the audit log). Every session of theirs ends,
 * this one included, so that someone who had their old password and signed in with it is out too:
 * they sign in again with the new one. An account that signs in with GitHub alone has no password.
 */
export async function changeOwnPassword(user: SessionUser, input: Record<string, unknown>, address: string): Promise<void> {
  const parsed = passwordChangeSchema.safeParse(input);
  if (!parsed.success) throw new ChangeRejected('Check the fields marked below: nothing was changed.', fieldErrors(parsed.error));
  const account = await db.user.findUnique({ where: { id: user.id }, select: { email: true, passwordHash: true } });
  if (!account?.passwordHash) throw new ChangeRejected('This account signs in with GitHub: it has no password to change.');
  const checked = await verifyCredentials(account.email, parsed.data.current, address, { signedIn: true });
  if (!checked.ok) {
    const limited = checked.reason === 'rate-limited';
    const message = limited
      ? 'Too many wrong passwords lately: wait a quarter of an hour, then try again.'
      : 'That is not your present password.';
    // They count as failed sign-ins (a stolen session cannot guess it faster): said before they lock.
    const counts = limited
      ? ' Signing in to this account from here waits as long.'
      : ` Wrong ones count as failed sign-ins: after ${LIMITS.perPair} in ${LIMITS.windowMinutes} minutes, signing in to this account from here waits a quarter of an hour.`;
    throw new ChangeRejected(`${message}${counts} Nothing was changed.`, { current: [message] });
  }
  const now = new Date();
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(parsed.data.next), sessionsValidFrom: now } }),
    db.auditEvent.create({ data: { kind: 'PASSWORD_CHANGED', userId: user.id, actorId: user.id, ip: address } }),
  ]);
}
