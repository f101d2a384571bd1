'use client';

import { submitCompanyAction } from '@/app/(editor)/editor/actions';
import {
  ChangeReasonField,
  Checkbox,
  FormMessage,
  type FormState,
  SourcesField,
  SubmitButton,
  TextArea,
  TextField,
} from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';
import type { EditStart } from '@/lib/data/edit-forms';
import { KeptFields, SourceChoices } from './kept-fields';

/** Adds a company, or proposes a change to one (`start`: its published values and version). */
export function CompanyForm({
  start,
  unlinkedSources,
}: {
  start?: EditStart;
  unlinkedSources: readonly (readonly [string, string])[];
}) {
  const [state, action, formField] = useFormAction<FormState>('company', submitCompanyAction, {
    values: start?.values,
  });
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {formField}
      <FormMessage state={state} />
      <KeptFields kind="company" start={start} state={state} />
      <TextField name="name" label="Name" state={state} required maxLength={200} />
      {/* A new company's, or a new name's once it was found like another company's; not for a name
          already on record, which no confirming makes another company's. */}
      {(!start?.recordId || state.fields?.name?.some((message) => message.startsWith('Did you mean'))) &&
        !state.fields?.name?.some((message) => message.includes('is already on record')) && (
          <Checkbox
            name="confirmNew"
            label="This is a different company from the ones with similar names"
            state={state}
          />
        )}
      <TextField
        name="parent"
        label="Part of"
        suggest="companies"
        state={state}
        maxLength={200}
        hint="The company on record it belongs to (Alphabet, for Google); empty for none."
      />
      <TextField name="sector" label="Sector" state={state} maxLength={100} />
      <TextField name="hqCountry" label="Headquarters country (two letters)" state={state} />
      <TextField name="website" typing="address" label="Website" state={state} />
      <TextField name="ticker" label="Ticker" state={state} maxLength={12} />
      <TextArea name="description" label="Description" state={state} maxLength={2000} rows={3} />
      <TextArea
        name="aliases"
        label="Other names to add"
        state={state}
        rows={2}
        hint="One per line, as sources or USAspending files write it (SALESFORCE, INC.): forms, filters and imports recognise it from then on. Names already known stay."
      />
      <SourcesField state={state} />
      <SourceChoices options={unlinkedSources} start={start} state={state} />
      <ChangeReasonField state={state} />
      <SubmitButton>Send for review</SubmitButton>
    </form>
  );
}
