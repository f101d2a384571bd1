'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/components/forms/fields';
import { currentUser } from '@/lib/auth/session';
import { cacheTags } from '@/lib/cache-tags';
import { addTerm, changeRole, mergeCompanies, mergeOrganizations, mergeTerms, setDisabled } from '@/lib/data/admin';
import { refusalOf } from '@/lib/form-refusal';
import { refreshPublicPages } from '@/lib/refresh';
import type { Role } from '@/lib/generated/prisma/enums';

/** Runs an admin's write; a refusal comes back with what was typed (`formData`'s text fields), so nothing is lost. */
async function run(
  work: (user: NonNullable<Awaited<ReturnType<typeof currentUser>>>) => Promise<string | void>,
  formData?: FormData,
): Promise<FormState> {
  let done: string | void;
  try {
    const user = await currentUser();
    if (!user) return { message: 'Sign in again.' };
    done = await work(user);
  } catch (error) {
    const refusal = await refusalOf(error);
    if (!refusal) throw error;
    const values = formData
      ? Object.fromEntries(
          [...formData.entries()].flatMap(([name, value]) =>
            typeof value === 'string' && !name.startsWith('$') ? [[name, value.slice(0, 2000)]] : [],
          ),
        )
      : undefined;
    return { ...refusal, values };
  }
  redirect(done ?? '/admin');
}

export async function changeRoleAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    await changeRole(user, { userId: String(formData.get('userId')), role: String(formData.get('role')) as Role });
    return '/admin?saved=role';
  });
}

export async function setDisabledAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    const disabled = formData.get('disabled') === 'true';
    await setDisabled(user, { userId: String(formData.get('userId')), disabled });
    return `/admin?saved=${disabled ? 'disabled' : 'enabled'}`;
  });
}

export async function mergeCompaniesAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    const from = String(formData.get('from') ?? '').trim();
    const into = String(formData.get('into') ?? '').trim();
    if (formData.get('kind') === 'organization') {
      // Organisation pages are kept under the lists' tag.
      const slugs = await mergeOrganizations(user, { fromSlug: from, intoSlug: into });
      refreshPublicPages([cacheTags.lists]);
      return `/organizations/${slugs[1]}`;
    }
    const slugs = await mergeCompanies(user, { fromSlug: from, intoSlug: into });
    refreshPublicPages([cacheTags.lists, ...slugs.map(cacheTags.company)]);
    return `/companies/${slugs[1]}`;
  }, formData);
}

export async function addTermAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    await addTerm(user, { kind: String(formData.get('kind') ?? ''), label: String(formData.get('label') ?? '') });
    refreshPublicPages([cacheTags.vocabulary]);
    return '/admin?saved=term#vocabulary';
  }, formData);
}

export async function mergeTermsAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    await mergeTerms(user, { fromId: String(formData.get('from') ?? ''), intoId: String(formData.get('into') ?? '') });
    refreshPublicPages([cacheTags.vocabulary, cacheTags.lists]);
    return '/admin?saved=merged#vocabulary';
  }, formData);
}
