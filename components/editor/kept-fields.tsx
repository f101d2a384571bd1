import type { EditStart } from '@/lib/data/edit-forms';
import { SelectField, type FormState } from '@/components/forms/fields';

/**
 * The hidden fields an edit form carries: which record and which version.
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
    </>
  );
}

/**
 * The sources without a web address a record cites, chosen from those on record (a record's own
 * are chosen already when it is edited; one not among the choices is carried along unseen).
 */
export function SourceChoices({
  options,
  start,
  state,
}: {
  options: readonly (readonly [string, string])[];
  start?: EditStart;
  state: FormState;
}) {
  const listed = new Set(options.map(([id]) => id));
  const unlisted = (start?.keptSourceIds ?? []).filter((id) => !listed.has(id));
  return (
    <>
      {unlisted.map((id) => (
        <input key={id} type="hidden" name="keptSourceIds" value={id} />
      ))}
      {options.length > 0 && (
        <SelectField
          name="keptSourceIds"
          label="Citations without a web address"
          state={state}
          options={options}
          multiple
          defaultValue={start?.keptSourceIds.filter((id) => listed.has(id)).join('\n')}
          hint="A printed report or a quoted letter already on record: choose it (Ctrl or ⌘ to choose several)."
        />
      )}
    </>
  );
}
