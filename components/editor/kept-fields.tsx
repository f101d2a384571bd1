import type { EditStart } from '@/lib/data/edit-forms';
import type { FormState } from '@/components/forms/fields';

/**
 * The hidden fields an edit form carries: which record, which version, and the citations without a url it keeps.
 * Once a save was refused because someone else's change was published meanwhile, and that change
 * shown, the form carries the version it is now: saving again proposes this text in its place.
 */
export function KeptFields({ start, state }: { start?: EditStart; state: FormState }) {
  if (!start) return null;
  const version = state.conflict?.version ?? start.baseVersion;
  return (
    <>
      <input type="hidden" name="recordId" value={start.recordId} />
      {/* Mounted afresh with each version: React resets a form after its action, to the fields' first values. */}
      <input key={version} type="hidden" name="baseVersion" defaultValue={version} />
      {start.keptSourceIds.map((id) => (
        <input key={id} type="hidden" name="keptSourceIds" value={id} />
      ))}
    </>
  );
}
