'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { FormState } from '@/components/forms/fields';
import { currentUser, sessionAccountDisabled } from '@/lib/auth/session';
import { cacheTags } from '@/lib/cache-tags';
import { clientAddressIn } from '@/lib/client-address';
import {
  addTerm,
  changeRole,
  createAccount,
  mergeCompanies,
  mergeNameMissing,
  mergeOrganizations,
  mergeTerms,
  previewCompanyMerge,
  previewOrganizationMerge,
  previewTermMerge,
  renameTerm,
  setDisabled,
  setPassword,
} from '@/lib/data/admin';
import { ChangeRejected } from '@/lib/data/changes';
import { ACCOUNT_DISABLED_MESSAGE, refusalOf, SESSION_ENDED_MESSAGE } from '@/lib/form-refusal';
import { answer } from '@/lib/forms/postback';
import { refreshPublicPages } from '@/lib/refresh';
import type { Role } from '@/lib/generated/prisma/enums';

/** The text fields of a form, given back with a refusal or a confirmation so nothing typed is lost. */
function typed(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    [...formData.entries()].flatMap(([name, value]) =>
      // A password is never sent back into the page.
      typeof value === 'string' && !name.startsWith('$') && name !== 'step' && name !== 'password'
        ? [[name, value.slice(0, 2000)]]
        : [],
    ),
  );
}

/**
 * Runs an admin's write. The work returns the address to go to once it is done, or a state to show
 * (a merge to confirm); a refusal comes back with what was typed (`formData`'s text fields).
 */
async function run(
  work: (user: NonNullable<Awaited<ReturnType<typeof currentUser>>>) => Promise<string | FormState | void>,
  formData: FormData,
): Promise<FormState> {
  let done: string | FormState | void;
  try {
    const user = await currentUser();
    if (!user) {
      // What was typed is kept, and a disabled account is told why signing in again would not do.
      const disabled = await sessionAccountDisabled();
      return answer(formData, {
        message: disabled ? ACCOUNT_DISABLED_MESSAGE : SESSION_ENDED_MESSAGE,
        values: typed(formData),
        ...(!disabled && { signIn: true as const }),
      });
    }
    done = await work(user);
  } catch (error) {
    const refusal = await refusalOf(error);
    if (!refusal) throw error;
    return answer(formData, { ...refusal, values: typed(formData) });
  }
  if (typeof done === 'object') return answer(formData, { ...done, values: typed(formData) });
  redirect(done ?? '/admin');
}

/**
 * A merge has no undo, so it is made in two steps: the first submit (no `step`) shows what would move,
 * "confirm" makes it, "edit" goes back to the fields with what was typed.
 */
function mergeStep(formData: FormData): 'preview' | 'confirm' | 'edit' {
  const step = formData.get('step');
  return step === 'confirm' || step === 'edit' ? step : 'preview';
}

export async function createAccountAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    const field = (name: string) => String(formData.get(name) ?? '');
    const created = await createAccount(
      user,
      {
        email: field('email'),
        name: field('name'),
        role: field('role'),
        password: field('password'),
      },
      await requestAddress(),
    );
    // Named in what the page says, as every step on an account is (its address as stored, in lower case).
    return `/admin?${new URLSearchParams({ saved: 'account', account: created.id })}#accounts`;
  }, formData);
}

/** The address the request came from, for the audit log's record of a step on an account. */
const requestAddress = async () => clientAddressIn(await headers());

export async function changeRoleAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    await changeRole(user, {
      userId: String(formData.get('userId')),
      role: String(formData.get('role')) as Role,
      address: await requestAddress(),
    });
    return accountSaved('role', formData);
  }, formData);
}

export async function setPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    await setPassword(user, {
      userId: String(formData.get('userId')),
      password: String(formData.get('password') ?? ''),
      address: await requestAddress(),
    });
    return accountSaved('password', formData);
  }, formData);
}

export async function setDisabledAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    const disabled = formData.get('disabled') === 'true';
    await setDisabled(user, { userId: String(formData.get('userId')), disabled, address: await requestAddress() });
    return accountSaved(disabled ? 'disabled' : 'enabled', formData);
  }, formData);
}

/**
 * The name or address name typed for a merge: a pasted address or path
 * ("https://…/companies/Sales-Force/") gives its last part, in lower case; a name is kept.
 */
function addressName(value: FormDataEntryValue | null): string {
  const text = typeof value === 'string' ? value.trim() : '';
  // A name is kept as typed ("Alpha/Beta", "AT&T?"): only an address or a path is one.
  const address =
    /^(?:[a-z]+:\/\/|\/)/i.test(text) || /(?:^|\/)(?:companies|organizations)\/[^/?#]+\/?(?:[?#].*)?$/i.test(text);
  if (!address) return text.slice(0, 200);
  const path = text.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  return (path.split('/').filter(Boolean).at(-1) ?? '').toLowerCase().slice(0, 100);
}

export async function mergeCompaniesAction(_state: FormState, formData: FormData): Promise<FormState> {
  const step = mergeStep(formData);
  if (step === 'edit') return answer(formData, { values: typed(formData) });
  return run(async (user) => {
    const from = addressName(formData.get('from'));
    const into = addressName(formData.get('into'));
    const kind = formData.get('kind');
    if (kind !== 'company' && kind !== 'organization') {
      // Said with the other fields left empty, at once, as a form's messages are.
      const missing = mergeNameMissing();
      throw new ChangeRejected('Choose what to merge.', {
        kind: ['Choose companies or organizations.'],
        ...(!from && { from: [missing.from] }),
        ...(!into && { into: [missing.into] }),
      });
    }
    if (kind === 'organization') {
      if (step === 'preview')
        return { confirm: await previewOrganizationMerge(user, { fromSlug: from, intoSlug: into }) };
      // Organisation pages are kept under the lists' tag; companies' timelines name the organisations.
      const slugs = await mergeOrganizations(user, { fromSlug: from, intoSlug: into });
      refreshPublicPages([cacheTags.lists, cacheTags.companies]);
      return `/admin?merged=organization&into=${slugs[1]}#merge`;
    }
    if (step === 'preview') return { confirm: await previewCompanyMerge(user, { fromSlug: from, intoSlug: into }) };
    const slugs = await mergeCompanies(user, { fromSlug: from, intoSlug: into });
    // Their families and the companies sharing their actions name them too.
    refreshPublicPages([cacheTags.lists, cacheTags.companies, ...slugs.map(cacheTags.company)]);
    return `/admin?merged=company&into=${slugs[1]}#merge`;
  }, formData);
}

export async function addTermAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    const kind = String(formData.get('kind') ?? '');
    await addTerm(user, { kind, label: String(formData.get('label') ?? '') });
    refreshPublicPages([cacheTags.vocabulary]);
    // Every list is offered by the action's form (forms, issues, tags, employment types).
    return '/admin?saved=term#vocabulary';
  }, formData);
}

export async function renameTermAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    await renameTerm(user, { id: String(formData.get('term') ?? ''), label: String(formData.get('label') ?? '') });
    // Filter menus, lists, and the profiles and comparisons that count actions by form and issue.
    refreshPublicPages([cacheTags.vocabulary, cacheTags.lists, cacheTags.companies]);
    return '/admin?saved=renamed#vocabulary';
  }, formData);
}

export async function mergeTermsAction(_state: FormState, formData: FormData): Promise<FormState> {
  const step = mergeStep(formData);
  if (step === 'edit') return answer(formData, { values: typed(formData) });
  return run(async (user) => {
    const terms = { fromId: String(formData.get('from') ?? ''), intoId: String(formData.get('into') ?? '') };
    if (step === 'preview') return { confirm: await previewTermMerge(user, terms) };
    await mergeTerms(user, terms);
    // Profiles and comparisons count actions by form and issue.
    refreshPublicPages([cacheTags.vocabulary, cacheTags.lists, cacheTags.companies]);
    return '/admin?saved=merged#vocabulary';
  }, formData);
}

/**
 * Where a step on one account leads: the administration page, which says what was done and to
 * whom, among the accounts (the id is the form's; the page names it only if it is an account).
 */
function accountSaved(saved: string, formData: FormData): string {
  const account = String(formData.get('userId') ?? '');
  return `/admin?${new URLSearchParams({ saved, ...(/^[a-z0-9]{1,40}$/.test(account) && { account }) })}#accounts`;
}
