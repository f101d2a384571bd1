'use server';

import { AuthError } from 'next-auth';
import { signIn } from '@/lib/auth';
import { returnPath } from '@/lib/auth/return-to';
import { answer } from '@/lib/forms/postback';

export interface SignInState {
  message?: string;
  email?: string;
  /** The fields the message is about (marked invalid, described by it): not when signing in is only not possible now. */
  invalid?: ('email' | 'password')[];
}

/** Signs in with email and password. The message never says whether the account exists. */
export async function signInAction(_state: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get('email') ?? '').slice(0, 320);
  const password = String(formData.get('password') ?? '');
  // Said before asking anyone: an empty field is not a failed sign-in (nor counted as one).
  const missing = (['email', 'password'] as const).filter((field) => (field === 'email' ? !email.trim() : !password));
  if (missing.length)
    return answer(formData, { email, message: `Type your ${missing.join(' and your ')}.`, invalid: [...missing] });
  try {
    await signIn('credentials', {
      email,
      password,
      redirectTo: returnPath(formData.get('next')) ?? '/editor',
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = 'code' in error ? (error as { code?: string }).code : undefined;
      const refused = code !== 'rate-limited' && code !== 'unavailable';
      return answer(formData, {
        email,
        ...(refused && { invalid: ['email', 'password'] as SignInState['invalid'] }),
        message:
          code === 'rate-limited'
            ? 'Too many attempts. Wait fifteen minutes, then try again.'
            : code === 'unavailable'
              ? 'Signing in is not possible right now. Please try again in a minute.'
              : 'The email or password is not right, or an administrator has disabled the account.',
      });
    }
    throw error;
  }
  return { email };
}

/** Signs in with GitHub (when configured): Auth.js sends the browser to GitHub and back. */
export async function githubSignInAction(formData: FormData): Promise<void> {
  await signIn('github', { redirectTo: returnPath(formData.get('next')) ?? '/editor' });
}
