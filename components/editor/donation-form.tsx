'use client';

import type { EditStart } from '@/lib/data/edit-forms';
import { KeptFields, SourceChoices } from './kept-fields';
import { submitDonationResponseAction } from '@/app/(editor)/editor/actions';
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

const RESPONSES = [
  ['REJECTED', 'Rejected by the recipient'],
  ['RETURNED', 'Returned by the recipient'],
  ['ACCEPTED', 'Accepted'],
  ['REDIRECTED', 'Redirected elsewhere'],
  ['DONATED', 'Donated by the company as its answer'],
] as const;

export function DonationForm({
  start,
  unlinkedSources,
}: {
  start?: EditStart;
  unlinkedSources: readonly (readonly [string, string])[];
}) {
  const [state, action, formField] = useFormAction<FormState>('donation', submitDonationResponseAction, {
    values: start?.values,
  });
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {formField}
      <FormMessage state={state} />
      <KeptFields kind="donation" start={start} state={state} />
      <TextField
        name="company"
        label="Donor company"
        suggest="companies"
        state={state}
        required
        maxLength={200}
        hint="Its name as on record (Salesforce); a company not yet on record is added with this record."
      />
      <Checkbox
        name="companyIsNew"
        label="A new company named like one on record is a different company: add it"
        state={state}
      />
      <TextField
        name="organization"
        label="Recipient organization"
        suggest="organizations"
        state={state}
        maxLength={200}
        hint="Name or acronym (RAICES). Leave empty when the company did not name it. A new one is added with this record."
      />
      <Checkbox
        name="organizationIsNew"
        label="A new organization named like one on record is a different organization: add it"
        state={state}
      />
      <SelectField name="response" label="What happened" state={state} options={RESPONSES} required />
      <TextField
        name="date"
        label="Date"
        state={state}
        required
        hint="As precise as the sources: 2018-07-19, 2018-07 or 2018."
      />
      {/* Side by side from a tablet's width, each with a one-line hint so that the boxes line up; stacked on a phone. */}
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <TextField name="amount" typing="amount" label="Amount" state={state} hint="Such as 250000" />
        <TextField name="currency" label="Currency" state={state} defaultValue="USD" hint="Such as USD" />
      </div>
      <Checkbox
        name="amountUndisclosed"
        label="The amount was not disclosed (then leave the amount empty)"
        state={state}
      />
      <TextArea name="reason" label="The stated reason" state={state} maxLength={2000} rows={3} />
      <TextArea name="quote" label="A short quote" state={state} maxLength={2000} rows={2} />
      <TextField name="quoteAttribution" label="Who said it" state={state} maxLength={200} />
      <TextArea
        name="contractIds"
        typing="address"
        label="Contracts it was about"
        state={state}
        rows={2}
        hint="Their addresses on this site, one per line (/contracts/…): the company’s contracts (or its parent’s or subsidiaries’) that the recipient or the company named."
      />
      <SourcesField state={state} />
      <SourceChoices options={unlinkedSources} start={start} state={state} />
      <ChangeReasonField state={state} />
      <SubmitButton>Send for review</SubmitButton>
    </form>
  );
}
