'use client';

import { useEffect, useRef, useState } from 'react';
import { submitContractAction } from '@/app/(editor)/editor/actions';
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
import { CONTRACT_STATUS_LABEL } from '@/lib/labels';

/** Named as the public pages, the review's diff and the history name them. */
const STATUSES = (['UNKNOWN', 'ACTIVE', 'COMPLETED', 'CANCELLED', 'NOT_RENEWED'] as const).map(
  (status) => [status, CONTRACT_STATUS_LABEL[status] ?? status] as const,
);

/** Logs a contract, or proposes a change to one (`start`: its published values and version). */
export function ContractForm({
  agencies,
  subAgencies,
  parentOf,
  start,
  unlinkedSources,
}: {
  agencies: (readonly [string, string])[];
  /** Each with the agency it is under as its group. */
  subAgencies: (readonly [string, string, string])[];
  /** Each sub-agency's agency, by id. */
  parentOf: Record<string, string>;
  start?: EditStart;
  unlinkedSources: readonly (readonly [string, string])[];
}) {
  const [state, action, formField] = useFormAction<FormState>('contract', submitContractAction, {
    values: start?.values,
  });
  // The sub-agencies offered are those of the awarding agency chosen, once the page's script runs;
  // before it (or without it), all of them, grouped under their agencies (the server refuses a
  // sub-agency of another agency either way).
  const form = useRef<HTMLFormElement>(null);
  const [awarding, setAwarding] = useState<string | null>(null);
  // The sub-agency chosen under another agency, which the list no longer offers: said, not dropped
  // unseen (chosen before the script ran, or before the agency was changed).
  const [dropped, setDropped] = useState<string | null>(null);
  const chooseAgency = (agency: string) => {
    const sub = form.current?.elements.namedItem('subAgencyId');
    const chosen = sub instanceof HTMLSelectElement ? sub.value : '';
    const elsewhere = chosen && agency && parentOf[chosen] !== agency;
    setDropped(elsewhere ? (subAgencies.find(([id]) => id === chosen)?.[1] ?? null) : null);
    setAwarding(agency);
  };
  useEffect(() => {
    const select = form.current?.elements.namedItem('agencyId');
    if (select instanceof HTMLSelectElement) chooseAgency(select.value);
    // Read again when the server answers (a refused form comes back with its choices).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const offered = awarding ? subAgencies.filter(([id]) => parentOf[id] === awarding) : subAgencies;
  const none = awarding && offered.length === 0;
  return (
    <form
      ref={form}
      action={action}
      className="max-w-2xl space-y-4"
      noValidate
      onChange={(event) => {
        const target = event.target;
        if (target instanceof HTMLSelectElement && target.name === 'agencyId') chooseAgency(target.value);
        if (target instanceof HTMLSelectElement && target.name === 'subAgencyId') setDropped(null);
      }}
    >
      {formField}
      <FormMessage state={state} />
      <KeptFields kind="contract" start={start} state={state} />
      <TextField
        name="company"
        label="Contractor (company)"
        suggest="companies"
        state={state}
        required
        maxLength={200}
      />
      {!start?.recordId && (
        <Checkbox
          name="companyIsNew"
          label="A new company named like one on record is a different company: add it"
          state={state}
        />
      )}
      <SelectField name="agencyId" label="Awarding agency" state={state} options={agencies} required />
      <SelectField
        name="subAgencyId"
        label="Awarding sub-agency"
        state={state}
        options={offered}
        hint={
          dropped
            ? `${dropped}, chosen before, is not under the agency chosen, so it was taken off${none ? ': that agency has no sub-agency on record.' : '. Choose one of that agency’s, or none.'}`
            : none
              ? 'The agency chosen has no sub-agency on record.'
              : undefined
        }
      />
      {/* Said as it happens too: the hint is on another field than the one just changed. */}
      <p role="status" className="sr-only">
        {dropped ? `${dropped} was taken off the awarding sub-agency: it is not under the agency chosen.` : ''}
      </p>
      <TextField name="title" label="Title" state={state} required maxLength={300} />
      <TextArea name="purpose" label="Purpose" state={state} maxLength={5000} rows={3} />
      <TextField name="piid" label="Award identifier (PIID)" state={state} maxLength={100} />
      {/* Side by side from a tablet's width; stacked on a phone, where the labels would wrap unevenly. */}
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_6rem]">
        <TextField name="obligatedAmount" typing="amount" label="Obligated amount" state={state} />
        <TextField name="potentialAmount" typing="amount" label="Potential value" state={state} />
        <TextField name="currency" label="Currency" state={state} defaultValue="USD" />
      </div>
      <TextField name="awardDate" label="Award date" state={state} hint="2018-06-25, 2018-06 or 2018" />
      {/* Side by side from a tablet's width, as the amounts are. */}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          name="periodStart"
          label="Period of performance: start"
          state={state}
          hint="The day, as 2019-03-14; empty if the sources do not give it."
        />
        <TextField
          name="periodEnd"
          label="Period of performance: end"
          state={state}
          hint="The day it ends or ended, as 2024-03-13 (a day to come too)."
        />
      </div>
      <SelectField name="contractStatus" label="Status" state={state} options={STATUSES} defaultValue="UNKNOWN" />
      <TextField
        name="statusSince"
        label="Status since"
        state={state}
        hint="When the status took effect, as precisely as the sources give it: 2019-03-14, 2019-03 or 2019. Left empty, a new status is said to be known as of the day it is published, not dated by an older source."
      />
      <SourcesField state={state} />
      <SourceChoices options={unlinkedSources} start={start} state={state} />
      <ChangeReasonField state={state} />
      <SubmitButton>Send for review</SubmitButton>
    </form>
  );
}
