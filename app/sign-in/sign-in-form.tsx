'use client';

import { useEffect, useRef } from 'react';
import { SubmitButton } from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';
import { signInAction, type SignInState } from './actions';

/** Email and password; `next` is the signed-in page to go back to (lib/auth/return-to.ts). */
export function SignInForm({ next }: { next: string | null }) {
  const [state, action, formField] = useFormAction<SignInState>('sign-in', signInAction, {});
  // A refused sign-in: focus goes to why (the pressed button, disabled while it was sent, lost it),
  // and the next Tab to the email field, to correct it.
  const refusal = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    refusal.current?.focus();
  }, [state]);
  // A field the message is about is marked invalid and described by it, read out when it is reached again.
  const problemOf = (field: 'email' | 'password') =>
    state.invalid?.includes(field) ? { 'aria-invalid': true, 'aria-describedby': 'sign-in-problem' } : {};
  return (
    // Checked on the server, which says what is missing in the message above the fields (read out, and
    // lasting), not in the browser's passing bubble.
    <form action={action} className="max-w-sm space-y-4" noValidate>
      {formField}
      {next && <input type="hidden" name="next" value={next} />}
      {/* One live region, the message itself (given the focus too): inside another, it was read out twice. */}
      <div>
        {state.message && (
          <p
            ref={refusal}
            id="sign-in-problem"
            tabIndex={-1}
            role="alert"
            className="rounded border border-red-800 bg-red-50 p-3 text-red-900"
          >
            {state.message}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="email" className="block font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={320}
          defaultValue={state.email}
          {...problemOf('email')}
          className="w-full rounded border border-stone-500 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="block font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          {...problemOf('password')}
          className="w-full rounded border border-stone-500 px-3 py-2"
        />
      </div>
      <SubmitButton>Sign in</SubmitButton>
    </form>
  );
}
