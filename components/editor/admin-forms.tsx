'use client';

import { useActionState } from 'react';
import {
  addTermAction,
  changeRoleAction,
  mergeCompaniesAction,
  mergeTermsAction,
  setDisabledAction,
} from '@/app/(editor)/admin/actions';
import { FormMessage, SelectField, SubmitButton, TextField, type FormState } from '@/components/forms/fields';

export function RoleForm({ userId, role, label }: { userId: string; role: string; label: string }) {
  const [state, action] = useActionState<FormState, FormData>(changeRoleAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {label}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        className="rounded border border-stone-400 px-2 py-1"
      >
        <option value="EDITOR">Editor</option>
        <option value="REVIEWER">Reviewer</option>
        <option value="ADMIN">Admin</option>
      </select>
      <SubmitButton>Change role</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function DisableForm({ userId, disabled }: { userId: string; disabled: boolean }) {
  const [state, action] = useActionState<FormState, FormData>(setDisabledAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? 'false' : 'true'} />
      <SubmitButton>{disabled ? 'Enable' : 'Disable'}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

const MERGE_KINDS = [
  ['company', 'Companies'],
  ['organization', 'Organizations'],
] as const;

export function MergeForm() {
  const [state, action] = useActionState<FormState, FormData>(mergeCompaniesAction, {});
  return (
    <form action={action} className="max-w-xl space-y-3">
      <FormMessage state={state} />
      <SelectField name="kind" label="What to merge" state={state} options={MERGE_KINDS} required />
      <TextField
        name="from"
        label="The duplicate (address name, e.g. sales-force or raices-texas)"
        state={state}
        required
        maxLength={100}
      />
      <TextField
        name="into"
        label="Merge it into (address name, e.g. salesforce or raices)"
        state={state}
        required
        maxLength={100}
      />
      <SubmitButton>Merge</SubmitButton>
    </form>
  );
}

const LISTS = [
  ['ACTION_FORM', 'Action forms'],
  ['ISSUE', 'Issues'],
  ['TAG', 'Tags'],
  ['EMPLOYMENT_TYPE', 'Employment types'],
] as const;

export function AddTermForm() {
  const [state, action] = useActionState<FormState, FormData>(addTermAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <FormMessage state={state} />
      <SelectField id="term-kind" name="kind" label="List" state={state} options={LISTS} required />
      <TextField name="label" label="New term" state={state} required maxLength={80} />
      <SubmitButton>Add</SubmitButton>
    </form>
  );
}

export function MergeTermsForm({ terms }: { terms: { id: string; kind: string; label: string; uses: number }[] }) {
  const [state, action] = useActionState<FormState, FormData>(mergeTermsAction, {});
  const options = terms.map(
    (term) =>
      [
        term.id,
        `${term.label} (${term.kind.toLowerCase().replace('_', ' ')}, ${term.uses} ${term.uses === 1 ? 'use' : 'uses'})`,
      ] as const,
  );
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <FormMessage state={state} />
      <SelectField id="term-from" name="from" label="Merge this term" state={state} options={options} required />
      <SelectField id="term-into" name="into" label="into this one" state={state} options={options} required />
      <SubmitButton>Merge terms</SubmitButton>
    </form>
  );
}
