import { redirect } from 'next/navigation';
import { signedInUser } from '@/lib/auth/session';
import type { EditableType } from '@/lib/data/changes';
import { ownPendingChangeId, type EditStart } from '@/lib/data/edit-forms';

/**
 * A record's edit form, opened by an editor who already has a change to it waiting for review,
 * sends them to that change's form instead: they revise it rather than send a second one.
 */
export async function openOwnPendingInstead(
  recordType: EditableType,
  start: EditStart,
  /** What the address asked the form to hold, carried to the change's form ("?alias=…"). */
  query: URLSearchParams = new URLSearchParams(),
): Promise<void> {
  if (!start.recordId) return;
  const pending = await ownPendingChangeId(await signedInUser(), recordType, start.recordId);
  if (pending) redirect(`/editor/changes/${pending}${query.size ? `?${query}` : ''}`);
}
