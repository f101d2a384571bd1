'use client';

import { submitAgencyAction } from '@/app/(editor)/editor/actions';
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
import type { EditStart } from '@/lib/data/edit-forms';
import { KeptFields, SourceChoices } from './kept-fields';

const LEVELS = [
  ['FEDERAL', 'Federal (national)'],
  ['STATE', 'State or regional'],
  ['LOCAL', 'Local'],
  ['FOREIGN', 'Foreign government'],
  ['INTERNATIONAL', 'International body'],
] as const;

/** Adds a government agency, or proposes a change to one (`start`: its published values and version). */
export function AgencyForm({
  parents,
  parentFixed,
  start,
  unlinkedSources,
}: {
  /** The departments an agency can be put under (and its present parent, even one under another). */
  parents: (readonly [value: string, text: string, group?: string])[];
  /** Why its department cannot change (then `parents` holds only the one it has). */
  parentFixed?: string;
  start?: EditStart;
  unlinkedSources: readonly (readonly [string, string])[];
}) {
  const [state, action, formField] = useFormAction<FormState>('agency', submitAgencyAction, { values: start?.values });
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {formField}
      <FormMessage state={state} />
      <KeptFields kind="agency" start={start} state={state} />
      <TextField name="name" label="Name" state={state} required maxLength={200} />
      <TextField
        name="acronym"
        label="Acronym"
        state={state}
        maxLength={20}
        hint="As the agency is known, if it is: ICE, CBP, DoD."
      />
      {!start?.recordId && (
        <Checkbox
          name="confirmNew"
          label="This is a different agency from the ones with similar names or acronyms"
          state={state}
        />
      )}
      <TextArea
        name="aliases"
        label="Other names"
        state={state}
        rows={2}
        hint="One per line, as sources and the news call it (the Pentagon for the Department of Defense): search finds the agency by them."
      />
      <SelectField
        name="parentId"
        label="Part of"
        state={state}
        options={parents}
        hint={
          parentFixed ??
          'The department it belongs to (U.S. Immigration and Customs Enforcement is part of the Department of Homeland Security). Leave empty for a department.'
        }
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField name="level" label="Level" state={state} options={LEVELS} required defaultValue="FEDERAL" />
        <TextField
          name="country"
          label="Country (two letters)"
          state={state}
          required
          maxLength={2}
          defaultValue="US"
        />
      </div>
      <TextField name="website" typing="address" label="Website" state={state} />
      <SourcesField state={state} />
      <SourceChoices options={unlinkedSources} start={start} state={state} />
      <ChangeReasonField state={state} />
      <SubmitButton>Send for review</SubmitButton>
    </form>
  );
}
