'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { NameCombobox } from '@/components/forms/name-combobox';
import type { EditStart } from '@/lib/data/edit-forms';
import type { TermOptions } from '@/lib/data/form-lookups';
import { KeptFields, SourceChoices } from './kept-fields';
import { submitEmployeeActionAction } from '@/app/(editor)/editor/actions';
import {
  ChangeReasonField,
  Checkbox,
  FormMessage,
  type FormState,
  SelectField,
  SourcesField,
  SubmitButton,
  TextArea,
  TextField,
} from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';
import { OUTCOME_LABEL } from '@/lib/labels';

/** Named as the public pages, the review's diff and the history name them. */
const OUTCOMES = (['UNKNOWN', 'PENDING', 'MET', 'PARTLY_MET', 'NOT_MET'] as const).map(
  (outcome) => [outcome, OUTCOME_LABEL[outcome] ?? outcome] as const,
);

export function ActionForm({
  terms: { forms, issues, tags, employmentTypes },
  start,
  unlinkedSources,
}: {
  terms: TermOptions;
  start?: EditStart;
  unlinkedSources: readonly (readonly [string, string])[];
}) {
  const [state, action, formField] = useFormAction<FormState>('action', submitEmployeeActionAction, {
    values: start?.values,
  });
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {formField}
      <FormMessage state={state} />
      <KeptFields kind="action" start={start} state={state} />
      <TextField name="title" label="Title" state={state} required maxLength={300} />
      <TextArea name="description" label="What happened" state={state} required maxLength={10000} rows={5} />
      <TextField name="date" label="Start date" state={state} required hint="2018-06-25, 2018-06 or 2018" />
      <NameList
        kind="companies"
        label="Companies targeted"
        required
        hint="One per line, by name as on record."
        state={state}
      />
      <NameList
        kind="organizations"
        label="Organizations that took part"
        hint="A union, a coalition, a group of workers with a name: one per line, by name or acronym as on record; a new one is added with this record."
        state={state}
      />
      <SelectField name="formSlugs" label="Forms of action" state={state} options={forms} multiple required />
      <SelectField name="issueSlugs" label="Issues" state={state} options={issues} multiple />
      {/* Sent whatever is ticked: with no box ticked, the form still says it offered these (and takes
          every tag away), where a form from before it did (kept with a change, open in a tab) leaves them. */}
      <input type="hidden" name="employmentTypeSlugs" value="" />
      <input type="hidden" name="tagSlugs" value="" />
      <SelectField
        name="employmentTypeSlugs"
        label="Employment types"
        hint="Who took part: the workers the sources name."
        state={state}
        options={employmentTypes}
        multiple
      />
      <SelectField name="tagSlugs" label="Tags" state={state} options={tags} multiple />
      <TextArea
        name="places"
        label="Places"
        hint="Where it took place, one place per line, from the most local part to the country: “Seattle, Washington, USA”, “Nairobi, Kenya”, “Germany”."
        state={state}
        rows={2}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="participantsMin" label="Participants (number, or low end)" state={state} typing="count" />
        <TextField name="participantsMax" label="High end (for a range)" state={state} typing="count" />
      </div>
      <TextField name="participantsText" label="The source’s words (“hundreds”)" state={state} maxLength={200} />
      <TextArea name="demands" label="Demands" state={state} maxLength={2000} rows={2} />
      <SelectField name="outcome" label="Outcome" state={state} options={OUTCOMES} defaultValue="UNKNOWN" />
      <TextArea name="outcomeNote" label="About the outcome" state={state} maxLength={2000} rows={2} />
      <TextArea
        name="contractIds"
        typing="address"
        label="Contracts it opposed"
        state={state}
        rows={2}
        hint="Their addresses on this site, one per line (/contracts/…), up to ten, each held by a company named above (or its parent or a subsidiary): the contract pages, the agencies' pages and the outcomes count the action against them."
      />
      <SourcesField state={state} />
      <SourceChoices options={unlinkedSources} start={start} state={state} />
      <ChangeReasonField state={state} />
      <SubmitButton>Send for review</SubmitButton>
    </form>
  );
}

/** Adds a name to the list of names a form's box holds (one per line), unless it is there already. */
function addLine(form: HTMLFormElement, field: string, name: string): boolean {
  const list = form.querySelector<HTMLTextAreaElement>(`textarea[name="${field}"]`);
  if (!list) return false;
  const lines = list.value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (!lines.some((line) => line.toLowerCase() === name.toLowerCase())) lines.push(name);
  list.value = lines.join('\n');
  // As if typed: the form's draft keeps it.
  list.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}

/** Nothing outside React that the hydration check below waits on. */
const noChanges = () => () => undefined;

/** How each list's suggestion box is named, and the box that confirms a new name like one on record. */
const ADD_NAME = {
  companies: {
    label: 'Add a company on record to the list',
    placeholder: 'A company’s name',
    confirm: ['companiesAreNew', 'A new company named like one on record is a different company: add it'],
  },
  organizations: {
    label: 'Add an organization on record to the list',
    placeholder: 'An organization’s name or acronym',
    confirm: ['organizationsAreNew', 'A new organization named like one on record is a different organization: add it'],
  },
} as const;

/**
 * A list of companies or organisations, one name per line (the field sent), with a box that adds one
 * on record from suggestions, and the box that confirms a new name like one on record as another.
 */
function NameList({
  kind,
  label,
  hint,
  required,
  state,
}: {
  kind: keyof typeof ADD_NAME;
  label: string;
  hint: string;
  required?: boolean;
  state: FormState;
}) {
  const [confirmName, confirmLabel] = ADD_NAME[kind].confirm;
  return (
    <>
      <TextArea name={kind} label={label} state={state} required={required} rows={2} hint={hint} />
      <AddNameLine kind={kind} />
      <Checkbox name={confirmName} label={confirmLabel} state={state} />
    </>
  );
}

/**
 * Name suggestions for a box of companies or organisations (the field named as the kind), which
 * takes one name per line: one chosen here (by the keyboard or a click) is added as a line of the
 * box, which is what is sent. Shown once the page's scripts run; without them the box alone is the field.
 */
function AddNameLine({ kind }: { kind: keyof typeof ADD_NAME }) {
  // False in the server's HTML and while hydrating, true once the scripts run.
  const ready = useSyncExternalStore(
    noChanges,
    () => true,
    () => false,
  );
  const box = useRef<HTMLDivElement>(null);
  // Mounted anew, empty, once what it held has gone into the list.
  const [emptied, setEmptied] = useState(0);
  // A name typed here and never chosen goes with the form too, as a line of the list, as a name box
  // sends what is typed: the box has no name of its own, so the form was refused for naming no
  // company while the name stood in it. "Did you mean" still guards it, in the list: the box is
  // emptied, or the name taken back from it would be added again at every send ("Use Palantir"
  // mended the list, and the next send added "Palantr" once more).
  useEffect(() => {
    const form = box.current?.closest('form');
    if (!form) return;
    const addTyped = () => {
      const typed = box.current?.querySelector('input')?.value.trim();
      if (!typed) return;
      addLine(form, kind, typed);
      setEmptied((count) => count + 1);
    };
    form.addEventListener('submit', addTyped);
    return () => form.removeEventListener('submit', addTyped);
  }, [ready, kind]);
  if (!ready) return null;
  return (
    <div
      ref={box}
      className="flex flex-col gap-1 text-sm"
      // Enter here chooses a suggestion (the box handles it) and never sends the form: the box has
      // no name, so what it holds would be lost.
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.defaultPrevented) event.preventDefault();
      }}
    >
      <label htmlFor={`add-${kind}`} className="text-stone-700">
        {ADD_NAME[kind].label}
      </label>
      <NameCombobox
        key={emptied}
        kind={kind}
        id={`add-${kind}`}
        onChoose={(named) => {
          const form = box.current?.closest('form');
          return form ? addLine(form, kind, named.name) : false;
        }}
        maxLength={100}
        placeholder={ADD_NAME[kind].placeholder}
        className="w-full max-w-sm rounded border border-stone-500 bg-white px-3 py-2"
      />
    </div>
  );
}
