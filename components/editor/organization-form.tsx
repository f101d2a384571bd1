'use client';

import { submitOrganizationAction } from '@/app/(editor)/editor/actions';
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
import { ORGANIZATION_KIND_LABEL } from '@/lib/labels';
import { KeptFields, SourceChoices } from './kept-fields';

// Named as the public pages and histories name them.
const KINDS = Object.entries(ORGANIZATION_KIND_LABEL);

/** Adds an organisation (one that answers donations or joins actions), or proposes a change to one. */
export function OrganizationForm({
  start,
  unlinkedSources,
}: {
  start?: EditStart;
  unlinkedSources: readonly (readonly [string, string])[];
}) {
  const [state, action, formField] = useFormAction<FormState>('organization', submitOrganizationAction, {
    values: start?.values,
  });
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {formField}
      <FormMessage state={state} />
      <KeptFields kind="organization" start={start} state={state} />
      <TextField name="name" label="Name" state={state} required maxLength={200} />
      <TextField
        name="acronym"
        label="Acronym"
        state={state}
        maxLength={20}
        hint="As the organization is known, if it is: RAICES."
      />
      {!start?.recordId && (
        <Checkbox
          name="confirmNew"
          label="This is a different organization from the ones with similar names or acronyms"
          state={state}
        />
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField name="kind" label="Kind" state={state} options={KINDS} required />
        <TextField name="country" label="Country (two letters)" state={state} />
      </div>
      <TextField name="website" typing="address" label="Website" state={state} />
      <TextArea name="description" label="Description" state={state} maxLength={2000} rows={3} />
      <SourcesField state={state} />
      <SourceChoices options={unlinkedSources} start={start} state={state} />
      <ChangeReasonField state={state} />
      <SubmitButton>Send for review</SubmitButton>
    </form>
  );
}
