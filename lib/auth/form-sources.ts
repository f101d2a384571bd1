import 'server-only';
import { sourcesWithoutAddress } from '../data/form-lookups';
import { currentUser } from './session';

/**
 * The sources without an address a new-record form offers, to a signed-in person; none to anyone
 * else (a form sent after the session ended is shown again signed out: app/(editor)/layout.tsx).
 */
export async function sourcesToOffer(): Promise<(readonly [string, string])[]> {
  return (await currentUser()) ? sourcesWithoutAddress() : [];
}
