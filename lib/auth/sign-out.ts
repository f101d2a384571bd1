import 'server-only';
import { db } from '../db';
import { logger } from '../log';

/**
 * Signing out ends every session of the person (docs/decisions/008), however it is done: the
 * site's own button or the sign-out page Auth.js serves itself (/api/auth/signout). Auth.js calls
 * this with the session's token before it clears the cookie. Only a session still valid ends the
 * others: a copy of a cookie that has ended already signs nobody out. The database being away
 * does not keep the cookie: it is cleared all the same.
 */
export async function endSessionsOnSignOut(token: Record<string, unknown> | null): Promise<void> {
  const id = typeof token?.uid === 'string' ? token.uid : null;
  if (!id) return;
  const began = new Date(typeof token?.signedInAt === 'number' ? token.signedInAt : 0);
  try {
    await db.user.updateMany({
      where: { id, disabledAt: null, OR: [{ sessionsValidFrom: null }, { sessionsValidFrom: { lte: began } }] },
      data: { sessionsValidFrom: new Date() },
    });
  } catch (error) {
    await logger.error('Signing out could not end the other sessions', { error });
  }
}
