'use client';

import { useEffect, useRef } from 'react';
import { useFormStatus } from 'react-dom';
import {
  addTermAction,
  changeRoleAction,
  createAccountAction,
  mergeCompaniesAction,
  mergeTermsAction,
  renameTermAction,
  setDisabledAction,
  setPasswordAction,
} from '@/app/(editor)/admin/actions';
import {
  FormMessage,
  PasswordField,
  SelectField,
  SubmitButton,
  TextField,
  type FormState,
} from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';

const ROLES = [
  ['EDITOR', 'Editor: logs and corrects records, which wait for review'],
  ['REVIEWER', 'Reviewer: also publishes, rejects and restores'],
  ['ADMIN', 'Admin: also manages accounts, vocabularies and merges'],
] as const;

/** A new account, with the password its owner will sign in with (given to them by the admin). */
export function AccountForm() {
  const [state, action, formField] = useFormAction<FormState>('new-account', createAccountAction, {});
  return (
    <form action={action} className="max-w-xl space-y-3" noValidate>
      {formField}
      <FormMessage state={state} fieldId={(name) => `account-${name}`} />
      <TextField
        id="account-email"
        name="email"
        type="email"
        typing="email"
        label="Email address"
        state={state}
        required
        maxLength={320}
      />
      <TextField
        id="account-name"
        name="name"
        label="Name"
        state={state}
        required
        maxLength={120}
        hint="As reviewers and the history pages show it."
      />
      <SelectField
        id="account-role"
        name="role"
        label="Role"
        state={state}
        options={ROLES}
        required
        defaultValue="EDITOR"
      />
      <PasswordField
        id="account-password"
        name="password"
        label="Password"
        state={state}
        hint="12 to 72 plain characters (fewer with accents), not a word said twice or a run such as 123456789012. Give it to them yourself, by a channel only they read: they sign in with it."
      />
      <SubmitButton>Create the account</SubmitButton>
    </form>
  );
}

export function RoleForm({ userId, role, label }: { userId: string; role: string; label: string }) {
  const [state, action, formField] = useFormAction<FormState>(`role-${userId}`, changeRoleAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      {formField}
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {label}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        className="rounded border border-stone-500 px-2 py-1"
      >
        <option value="EDITOR">Editor</option>
        <option value="REVIEWER">Reviewer</option>
        <option value="ADMIN">Admin</option>
      </select>
      {/* Each row's buttons named with its account, for a list of the page's controls. */}
      <SubmitButton>
        Change role<span className="sr-only"> of {label}</span>
      </SubmitButton>
      <FormMessage state={state} fieldId={() => `role-${userId}`} />
    </form>
  );
}

/**
 * Enable an account at once; disable one in two steps (it signs the person out everywhere), the
 * second behind a disclosure that works without script, so that a tap beside the role controls
 * does not lock a colleague out.
 */
export function DisableForm({ userId, disabled, name }: { userId: string; disabled: boolean; name: string }) {
  const [state, action, formField] = useFormAction<FormState>(`disable-${userId}`, setDisabledAction, {});
  const form = (
    <form action={action} className="space-y-2">
      {formField}
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? 'false' : 'true'} />
      {/* Said, not left to be read from the button's name: the table shows no other sign of it. */}
      {disabled ? (
        <p className="text-sm">Disabled: cannot sign in.</p>
      ) : (
        <p className="text-sm">{name} is signed out everywhere and cannot sign in until enabled again.</p>
      )}
      <SubmitButton>{disabled ? 'Enable' : `Disable ${name}`}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
  if (disabled) return form;
  return (
    <details className="max-w-xs">
      <summary className="cursor-pointer py-1 underline">
        Disable…<span className="sr-only"> {name}</span>
      </summary>
      {form}
    </details>
  );
}

/**
 * A new password for someone who forgot theirs, behind a disclosure like disabling (it signs them
 * out everywhere): the admin gives it to them, and they change it on their account page.
 */
export function PasswordResetForm({ userId, name }: { userId: string; name: string }) {
  const [state, action, formField] = useFormAction<FormState>(`password-${userId}`, setPasswordAction, {});
  return (
    <details className="max-w-xs" open={Boolean(state.message)}>
      <summary className="cursor-pointer py-1 underline">
        Set a new password…<span className="sr-only"> for {name}</span>
      </summary>
      <form action={action} className="space-y-2" noValidate>
        {formField}
        <input type="hidden" name="userId" value={userId} />
        <PasswordField
          id={`password-${userId}`}
          name="password"
          label={`New password for ${name}`}
          state={state}
          hint="12 to 72 plain characters (fewer with accents), not a word said twice or a run such as 123456789012. They are signed out everywhere; give it to them, and they change it on their account page."
        />
        <SubmitButton>Set the password</SubmitButton>
        <FormMessage state={state} fieldId={() => `password-${userId}`} />
      </form>
    </details>
  );
}

const MERGE_KINDS = [
  ['company', 'Companies'],
  ['organization', 'Organizations'],
] as const;

export function MergeForm() {
  const [state, action, formField] = useFormAction<FormState>('merge', mergeCompaniesAction, {});
  const organizations = state.values?.kind === 'organization';
  const fromField = useEditAgain(state, 'kind');
  return (
    <form action={action} className="max-w-xl space-y-3" noValidate>
      {formField}
      <FormMessage state={state} />
      {state.confirm ? (
        <ConfirmMerge
          state={state}
          fields={['kind', 'from', 'into']}
          back="Change the addresses"
          after={`${organizations ? '' : `“${state.confirm.from.name}” becomes an alias of ${state.confirm.into.name} and `}/${organizations ? 'organizations' : 'companies'}/${state.confirm.from.slug} leads to /${organizations ? 'organizations' : 'companies'}/${state.confirm.into.slug}. Both histories stay.`}
        />
      ) : (
        <>
          <div ref={fromField}>
            <SelectField name="kind" label="What to merge" state={state} options={MERGE_KINDS} required />
          </div>
          {/* No length counter: a page's address pasted whole is longer than the name it ends with, all the server reads of it. */}
          <TextField
            name="from"
            typing="address"
            label="The duplicate (its name or address name, e.g. Sales Force or raices-texas)"
            state={state}
            required
          />
          <TextField
            name="into"
            typing="address"
            label="Merge it into (its name or address name, e.g. Salesforce or raices)"
            state={state}
            required
          />
          <SubmitButton>Check the merge</SubmitButton>
        </>
      )}
    </form>
  );
}

/**
 * After "Change", the first field of the form again, with what was typed: returns a ref for the
 * element that holds it.
 */
function useEditAgain(state: FormState, first: string) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.confirm || state.message || !state.values) return;
    box.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }, [state, first]);
  return box;
}

/**
 * A merge shown for a second look, since there is no undo: what moves to the survivor, what else
 * follows, the fields carried as typed, and the two ways on (merge, or back to the fields).
 */
function ConfirmMerge({
  state,
  fields,
  after,
  back,
}: {
  state: FormState;
  fields: string[];
  after: string;
  /** The button back to the fields ("Change the addresses"). */
  back: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [state]);
  const { from, into, moves, stays, declined, outdated, related } = state.confirm!;
  return (
    <div className="w-full space-y-3 rounded border border-amber-800 bg-amber-50 p-4">
      <h3 ref={heading} tabIndex={-1} className="font-semibold">
        Merge {from.name} into {into.name}?
      </h3>
      {related && <p className="font-semibold">{related}</p>}
      {moves.length > 0 ? (
        <>
          <p>
            {from.name} ({from.slug}) goes; these move to {into.name} ({into.slug}):
          </p>
          <ul className="list-disc pl-6">
            {moves.map((move) => (
              <li key={move}>{move}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          {from.name} ({from.slug}) goes; it holds nothing else to move to {into.name} ({into.slug}).
        </p>
      )}
      <p>{after}</p>
      {stays.length > 0 && (
        <>
          <p>
            Not moved: details of {from.name} that {into.name} does not have (they stay in its history; add to{' '}
            {into.name}&rsquo;s form what belongs there):
          </p>
          <ul className="list-disc pl-6">
            {stays.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        </>
      )}
      {declined > 0 && (
        <p>
          {declined === 1
            ? `The change waiting for review on ${from.name} is declined; its author is told to propose it on ${into.name}.`
            : `The ${declined} changes waiting for review on ${from.name} are declined; their authors are told to propose them on ${into.name}.`}
        </p>
      )}
      {outdated > 0 && (
        <p>
          {outdated === 1
            ? `The change waiting for review on ${into.name} was written before this merge: its author revises it before it can be published, so that it keeps what the merge brings in.`
            : `The ${outdated} changes waiting for review on ${into.name} were written before this merge: their authors revise them before they can be published, so that they keep what the merge brings in.`}
        </p>
      )}
      <p className="font-semibold">There is no undo: check which one stays.</p>
      {fields.map((name) => (
        <input key={name} type="hidden" name={name} value={state.values?.[name] ?? ''} />
      ))}
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="step" value="confirm">
          Merge {from.name} into {into.name}
        </SubmitButton>
        <BackButton>{back}</BackButton>
      </div>
    </div>
  );
}

/** Back to the fields of a merge as they were typed; not while the merge is being sent. */
function BackButton({ children }: { children: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name="step"
      value="edit"
      formNoValidate
      disabled={pending}
      className="rounded border border-stone-800 bg-white px-4 py-2 hover:bg-stone-100 disabled:text-stone-500"
    >
      {children}
    </button>
  );
}

const LISTS = [
  ['ACTION_FORM', 'Action forms'],
  ['ISSUE', 'Issues'],
  ['TAG', 'Tags'],
  ['EMPLOYMENT_TYPE', 'Employment types'],
] as const;

export function AddTermForm() {
  const [state, action, formField] = useFormAction<FormState>('add-term', addTermAction, {});
  return (
    // The message above a row of fields: as an item of the row, even empty, it would push the first field aside.
    <form action={action} className="space-y-3" noValidate>
      {formField}
      <FormMessage state={state} fieldId={(name) => (name === 'kind' ? 'term-kind' : name)} />
      <div className="flex flex-wrap items-end gap-3">
        <SelectField id="term-kind" name="kind" label="List" state={state} options={LISTS} required />
        <TextField name="label" label="New term" state={state} required maxLength={80} />
        <SubmitButton>Add</SubmitButton>
      </div>
    </form>
  );
}

type TermChoice = { id: string; kind: string; label: string; uses: number };

/** The terms as choices, listed under their vocabularies (a term merges only into one of its own kind). */
function termOptions(terms: TermChoice[]) {
  const kindName = (kind: string) => kind.charAt(0) + kind.slice(1).toLowerCase().replace('_', ' ');
  return [...terms]
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label))
    .map(
      (term) =>
        [
          term.id,
          `${term.label} (${term.uses} ${term.uses === 1 ? 'use' : 'uses'})`,
          `${kindName(term.kind)}s`,
        ] as const,
    );
}

/** Rename a term: its address in filters stays, its label changes everywhere. */
export function RenameTermForm({ terms }: { terms: TermChoice[] }) {
  const [state, action, formField] = useFormAction<FormState>('rename-term', renameTermAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      {formField}
      <FormMessage state={state} fieldId={(name) => (name === 'term' ? 'term-renamed' : 'term-new-label')} />
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          id="term-renamed"
          name="term"
          label="Rename this term"
          state={state}
          options={termOptions(terms)}
          required
        />
        <TextField name="label" id="term-new-label" label="to" state={state} required maxLength={80} />
        <SubmitButton>Rename</SubmitButton>
      </div>
    </form>
  );
}

export function MergeTermsForm({ terms }: { terms: TermChoice[] }) {
  const [state, action, formField] = useFormAction<FormState>('merge-terms', mergeTermsAction, {});
  const fromField = useEditAgain(state, 'from');
  const options = termOptions(terms);
  return (
    <form action={action} className="space-y-3" noValidate>
      {formField}
      <FormMessage state={state} fieldId={(name) => `term-${name}`} />
      {state.confirm ? (
        <ConfirmMerge
          state={state}
          fields={['from', 'into']}
          back="Change the terms"
          after={`Imports map “${state.confirm.from.name}” onto ${state.confirm.into.name} from now on.`}
        />
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <div ref={fromField}>
            <SelectField id="term-from" name="from" label="Merge this term" state={state} options={options} required />
          </div>
          <SelectField id="term-into" name="into" label="into this one" state={state} options={options} required />
          <SubmitButton>Check the merge</SubmitButton>
        </div>
      )}
    </form>
  );
}
