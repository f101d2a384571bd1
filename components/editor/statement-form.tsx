'use client';

import { submitStatementAction } from '@/app/(editor)/editor/actions';
import type { EditStart } from '@/lib/data/edit-forms';
import { KeptFields, SourceChoices } from './kept-fields';
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

const KINDS = [
  ['STATEMENT', 'A statement'],
  ['DECLINED_TO_COMMENT', 'Declined to comment'],
  ['CANCELLED_OR_NOT_RENEWED', 'Cancelled or did not renew a contract'],
  ['RETALIATION', 'Retaliated against organisers'],
] as const;

/** Logs a statement, or proposes a change to one (`start`: its published values and version). */
export function StatementForm({
  start,
  unlinkedSources,
}: {
  start?: EditStart;
  unlinkedSources: readonly (readonly [string, string])[];
}) {
  const [state, action, formField] = useFormAction<FormState>('statement', submitStatementAction, {
    values: start?.values,
  });
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {formField}
      <FormMessage state={state} />
      <KeptFields kind="statement" start={start} state={state} />
      <TextField
        name="company"
        label="Company"
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
      <SelectField name="kind" label="What the company said or did" state={state} options={KINDS} required />
      <TextField name="date" label="Date" state={state} required hint="2018-07-19, 2018-07 or 2018" />
      <TextArea name="summary" label="Summary" state={state} required maxLength={2000} rows={3} />
      <TextArea name="quote" label="Quote" state={state} maxLength={2000} rows={2} />
      <TextField name="speaker" label="Who said it" state={state} maxLength={200} />
      <TextField
        name="contractId"
        label="Contract it is about"
        state={state}
        maxLength={300}
        hint="Its address on this site (/contracts/…), when the statement answers for one of the company’s contracts (or its parent’s or a subsidiary’s)."
      />
      <SourcesField state={state} />
      <SourceChoices options={unlinkedSources} start={start} state={state} />
      <ChangeReasonField state={state} />
      <SubmitButton>Send for review</SubmitButton>
    </form>
  );
}
