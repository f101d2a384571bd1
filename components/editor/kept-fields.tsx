import { useEffect, useRef } from 'react';
import type { EditStart } from '@/lib/data/edit-forms';
import { DraftKeeper } from '@/components/forms/draft-keeper';
import { SelectField, TextField, type FormState } from '@/components/forms/fields';
import { CITATION_FIELDS } from '@/lib/forms/citation-fields';

/**
 * What every form carries besides its fields: what its asterisks mean, the browser's draft of it (`DraftKeeper`), when it
 * revises the editor's own change waiting for review, which one, and, when it changes a record,
 * which record and which version (the hidden `baseVersion`, rendered by the draft keeper since a
 * restored draft decides it). Once a save was refused because someone else's
 * change was published meanwhile, and that change shown, the form carries the version it is now
 * (through later refusals too): saving again proposes this text in its place.
 */
export function KeptFields({ kind, start, state }: { kind: string; start?: EditStart; state: FormState }) {
  const record = start?.recordId !== undefined &&
    start.baseVersion !== undefined && {
      recordId: start.recordId,
      baseVersion: start.baseVersion,
      // A reopened change without the values it was opened with sends none: it is not merged,
      // rather than merged against what was typed (which would read every change as untouched).
      opened: start.opened ?? (start.reopened ? undefined : start.values),
      served: start.values,
      conflict: state.conflict,
    };
  // A reopened change to a new record keeps its draft apart from the form for new records.
  const draftId = start?.recordId ?? start?.reopened;
  return (
    <>
      <DraftKeeper kind={kind} record={record || undefined} draftId={draftId} />
      {start?.recordId && <input type="hidden" name="recordId" value={start.recordId} />}
      {start?.changeId && <input type="hidden" name="changeId" value={start.changeId} />}
      {start?.changeId && start.changeSeen && <input type="hidden" name="changeSeen" value={start.changeSeen} />}
      {!start?.recordId && draftId && <input type="hidden" name="draftId" value={draftId} />}
      {start?.reopened && !start.changeId && <input type="hidden" name="reopened" value={start.reopened} />}
      <p className="text-sm text-stone-700">
        Fields marked <span className="text-red-800">*</span> are required.
      </p>
    </>
  );
}

/**
 * The sources without a web address a record cites, chosen from those on record (a record's own
 * are chosen already when it is edited; one not among the choices is carried along unseen), and a
 * new one, given whole (publisher, title, date), folded away until it is wanted.
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
  // As the form was given back (merged with a change published meanwhile), else as it opened.
  const kept = state.values ? (state.values.keptSourceIds ?? '').split('\n') : (start?.keptSourceIds ?? []);
  const unlisted = kept.filter((id) => id && !listed.has(id));
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
          hint={
            start
              ? 'A printed report or a quoted letter already on record: ticked, it stays cited.'
              : 'A printed report or a quoted letter already on record: tick it to cite it.'
          }
        />
      )}
      <NewCitation state={state} />
    </>
  );
}

/** A new citation without a web address, open once anything of it was typed or refused. */
function NewCitation({ state }: { state: FormState }) {
  const names = Object.values(CITATION_FIELDS);
  const open = names.some((name) => state.values?.[name]?.trim() || state.fields?.[name]?.length);
  const folded = useRef<HTMLDetailsElement>(null);
  // Values the browser put back itself (a page reloaded, or gone back to): shown, as typed ones are.
  useEffect(() => {
    const details = folded.current;
    if (details && [...details.querySelectorAll('input')].some((input) => input.value.trim())) details.open = true;
  }, []);
  return (
    <details
      ref={folded}
      open={open}
      // A draft put back into the form (components/forms/draft-keeper.tsx) fills its fields with
      // input events: a citation it holds is shown, not sent folded away unseen.
      onInput={(event) => {
        const target = event.target;
        if (target instanceof HTMLInputElement && target.value.trim()) event.currentTarget.open = true;
      }}
      className="rounded border border-stone-300 px-3 py-2"
    >
      <summary className="cursor-pointer py-1 font-medium">Add a citation without a web address</summary>
      <p className="mt-1 text-sm text-stone-700" id="citation-hint">
        A printed report, a letter a newspaper quoted, a court filing: give its publisher, heading and date, all three.
        One already on record with the same three is cited again, not added twice.
      </p>
      <div className="mt-2 grid gap-x-4 gap-y-3 sm:grid-cols-3">
        <TextField name={CITATION_FIELDS.publisher} label="Publisher" state={state} maxLength={200} />
        <TextField name={CITATION_FIELDS.title} label="Heading" state={state} maxLength={500} />
        <TextField
          name={CITATION_FIELDS.date}
          label="Publication date"
          state={state}
          hint="2018-07-19, 2018-07 or 2018, or 19 July 2018"
        />
      </div>
    </details>
  );
}
