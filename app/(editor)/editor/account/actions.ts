'use server';

import { headers } from 'next/headers';
import type { FormState } from '@/components/forms/fields';
import { signOut } from '@/lib/auth';
import { currentUser, sessionAccountDisabled } from '@/lib/auth/session';
import { clientAddressIn } from '@/lib/client-address';
import { changeOwnPassword } from '@/lib/data/account';
import { accountDisabledSays, refusalOf } from '@/lib/form-refusal';
import { answer } from '@/lib/forms/postback';

/**
 * Changes the signed-in person's password, then signs them out (every session of theirs has
 * ended): the sign-in page says why. No password is ever sent back into the page.
 */
export async function changePasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const field = (name: string) => String(formData.get(name) ?? '');
  try {
    const user = await currentUser();
    if (!user) {
      const message = (await sessionAccountDisabled())
        ? accountDisabledSays('the password was not changed')
        : 'You are signed out: sign in again, then change your password.';
      return answer(formData, { message });
    }
    const input = { current: field('current'), next: field('next'), repeat: field('repeat') };
    await changeOwnPassword(user, input, clientAddressIn(await headers()));
  } catch (error) {
    const refusal = await refusalOf(error);
    if (!refusal) throw error;
    return answer(formData, refusal);
  }
  await signOut({ redirectTo: '/sign-in?changed=password' });
  return {};
}
