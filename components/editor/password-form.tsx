'use client';

import { changePasswordAction } from '@/app/(editor)/editor/account/actions';
import { FormMessage, SubmitButton, TextField, type FormState } from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';

/** The signed-in person's new password, confirmed by their present one and typed twice. */
export function PasswordForm() {
  const [state, action, formField] = useFormAction<FormState>('password', changePasswordAction, {});
  return (
    <form action={action} className="max-w-md space-y-3" noValidate>
      {formField}
      <FormMessage state={state} />
      <TextField
        name="current"
        type="password"
        typing="current-password"
        label="Your present password"
        state={state}
        required
        maxLength={200}
      />
      <TextField
        name="next"
        type="password"
        typing="new-password"
        label="New password"
        state={state}
        required
        maxLength={200}
        hint="At least 12 characters."
      />
      <TextField
        name="repeat"
        type="password"
        typing="new-password"
        label="The new password again"
        state={state}
        required
        maxLength={200}
      />
      <SubmitButton>Change the password</SubmitButton>
    </form>
  );
}
