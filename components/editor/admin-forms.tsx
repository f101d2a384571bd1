'use client';

import { useActionState } from 'react';
import { changeRoleAction, mergeCompaniesAction, setDisabledAction } from '@/app/(editor)/admin/actions';
import { FormMessage, SubmitButton, TextField, type FormState } from '@/components/forms/fields';

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

export function MergeForm() {
  const [state, action] = useActionState<FormState, FormData>(mergeCompaniesAction, {});
  return (
    <form action={action} className="max-w-xl space-y-3">
      <FormMessage state={state} />
      <TextField
        name="from"
        label="Duplicate company (address name, e.g. sales-force)"
        state={state}
        required
        maxLength={100}
      />
      <TextField
        name="into"
        label="Merge it into (address name, e.g. salesforce)"
        state={state}
        required
        maxLength={100}
      />
      <SubmitButton>Merge</SubmitButton>
    </form>
  );
}
