'use client';

import { useActionState } from 'react';
import { submitCompanyAction } from '@/app/(editor)/editor/actions';
import { Checkbox, FormMessage, SubmitButton, TextArea, TextField, type FormState } from '@/components/forms/fields';

export interface CompanyFormValues {
  recordId: string;
  baseVersion: number;
  name: string;
  sector: string;
  hqCountry: string;
  website: string;
  ticker: string;
  description: string;
  sources: string;
}

/** Adds a company, or proposes a change to one (then `initial` carries its version for optimistic locking). */
export function CompanyForm({ initial }: { initial?: CompanyFormValues }) {
  const [state, action] = useActionState<FormState, FormData>(submitCompanyAction, {});
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      <FormMessage state={state} />
      {initial && <input type="hidden" name="recordId" value={initial.recordId} />}
      {initial && <input type="hidden" name="baseVersion" value={initial.baseVersion} />}
      <TextField name="name" label="Name" state={state} required maxLength={200} defaultValue={initial?.name} />
      {!initial && (
        <Checkbox
          name="confirmNew"
          label="This is a different company from the ones with similar names"
          state={state}
        />
      )}
      <TextField name="sector" label="Sector" state={state} maxLength={100} defaultValue={initial?.sector} />
      <TextField
        name="hqCountry"
        label="Headquarters country (two letters)"
        state={state}
        maxLength={2}
        defaultValue={initial?.hqCountry}
      />
      <TextField name="website" label="Website" state={state} maxLength={300} defaultValue={initial?.website} />
      <TextField name="ticker" label="Ticker" state={state} maxLength={12} defaultValue={initial?.ticker} />
      <TextArea
        name="description"
        label="Description"
        state={state}
        maxLength={2000}
        rows={3}
        defaultValue={initial?.description}
      />
      <TextArea
        name="sources"
        label="Sources"
        state={state}
        required
        rows={3}
        hint="One address per line."
        defaultValue={initial?.sources}
      />
      <TextArea name="note" label="Note for the reviewer" state={state} maxLength={2000} rows={2} />
      <SubmitButton>Send for review</SubmitButton>
    </form>
  );
}
