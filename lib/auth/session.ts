import 'server-only';
import { cache } from 'react';
import { connection } from 'next/server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { PATH_HEADER, signInAddress } from './return-to';
import { db } from '../db';
import type { Role } from '../generated/prisma/enums';
import { hasRole, NotAllowed, NotSignedIn, type SessionUser } from './roles';

export { hasRole, NotAllowed, NotSignedIn, type SessionUser };
import { auth, type SessionWithStart } from './index';

/**
 * The signed-in user, read from the database now (role and disabled flag are never taken from the
 * cookie); once per request, which the layout and its page both ask.
 */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  // Reading (and refreshing) the session uses random values: never while prerendering.
  await connection();
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, sessionsValidFrom: true },
  });
  if (!user || user.disabledAt) return null;
  // A session begun before its owner signed out (or before the account was disabled) is over,
  // though its cookie is still validly signed: a copy of it kept elsewhere gets nothing.
  const began = (session as SessionWithStart).signedInAt ?? 0;
  if (user.sessionsValidFrom && began < user.sessionsValidFrom.getTime()) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/**
 * Whether this request's session, no longer a signed-in user's, is that of an account disabled
 * since: its writes are refused like a signed-out session's, and it is told why, since signing in
 * again would be refused too.
 */
export async function sessionAccountDisabled(): Promise<boolean> {
  const id = (await auth())?.user?.id;
  if (!id) return false;
  const user = await db.user.findUnique({ where: { id }, select: { disabledAt: true } });
  return Boolean(user?.disabledAt);
}

/**
 * The signed-in user of a signed-in page; anyone else is sent to sign in. (The page renders beside
 * its layout, which redirects too: a redirect here, not NotSignedIn, keeps that out of the error log.)
 */
export async function signedInUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(signInAddress((await headers()).get(PATH_HEADER)));
  return user;
}

/** The signed-in user, or NotSignedIn. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new NotSignedIn();
  return user;
}

/** The signed-in user if their role is at least `role` (editor < reviewer < admin), else NotAllowed. */
export async function requireRole(role: Role): Promise<SessionUser> {
  const user = await requireUser();
  if (!hasRole(user, role)) throw new NotAllowed();
  return user;
}
