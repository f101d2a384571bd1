'use server';

import { updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import type { FormState } from '@/components/forms/fields';
import { currentUser, NotAllowed } from '@/lib/auth/session';
import { cacheTags } from '@/lib/cache-tags';
import { addTerm, changeRole, mergeCompanies, mergeOrganizations, mergeTerms, setDisabled } from '@/lib/data/admin';
import { ChangeRejected } from '@/lib/data/changes';
import type { Role } from '@/lib/generated/prisma/enums';

async function run(
  work: (user: NonNullable<Awaited<ReturnType<typeof currentUser>>>) => Promise<string | void>,
): Promise<FormState> {
  const user = await currentUser();
  if (!user) return { message: 'Sign in again.' };
  let done: string | void;
  try {
    done = await work(user);
  } catch (error) {
    if (error instanceof ChangeRejected || error instanceof NotAllowed)
      return { message: error.message, fields: error instanceof ChangeRejected ? error.fields : {} };
    throw error;
  }
  redirect(done ?? '/admin?saved=1');
}

export async function changeRoleAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run((user) =>
    changeRole(user, { userId: String(formData.get('userId')), role: String(formData.get('role')) as Role }),
  );
}

export async function setDisabledAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run((user) =>
    setDisabled(user, { userId: String(formData.get('userId')), disabled: formData.get('disabled') === 'true' }),
  );
}

export async function mergeCompaniesAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    const from = String(formData.get('from') ?? '').trim();
    const into = String(formData.get('into') ?? '').trim();
    if (formData.get('kind') === 'organization') {
      await mergeOrganizations(user, { fromSlug: from, intoSlug: into });
      updateTag(cacheTags.lists);
      return `/organizations/${into}`;
    }
    const slugs = await mergeCompanies(user, { fromSlug: from, intoSlug: into });
    updateTag(cacheTags.lists);
    for (const slug of slugs) updateTag(cacheTags.company(slug));
    return `/companies/${slugs[1]}`;
  });
}

export async function addTermAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    await addTerm(user, { kind: String(formData.get('kind') ?? ''), label: String(formData.get('label') ?? '') });
    updateTag(cacheTags.vocabulary);
  });
}

export async function mergeTermsAction(_state: FormState, formData: FormData): Promise<FormState> {
  return run(async (user) => {
    await mergeTerms(user, { fromId: String(formData.get('from') ?? ''), intoId: String(formData.get('into') ?? '') });
    updateTag(cacheTags.vocabulary);
    updateTag(cacheTags.lists);
  });
}
