'use client';

import { changePasswordAction } from '@/app/(editor)/editor/account/actions';
import { FormMessage, PasswordField, SubmitButton, type FormState } from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';

/** The signed-in person's new password, confirmed by their present one and typed twice. */
export function PasswordForm() {
  const [state, action, formField] = useFormAction<FormState>('password', changePasswordAction, {});
  return (
    <form action={action} className="max-w-md space-y-3" noValidate>
      {formField}
      <FormMessage state={state} />
      <PasswordField name="current" label="Your present password" state={state} present />
      <PasswordField
        name="next"
        label="New password"
        state={state}
        hint="12 to 72 plain characters (fewer with accents or other scripts), not a word said twice or a run such as 123456789012."
      />
      <PasswordField name="repeat" label="The new password again" state={state} />
      <SubmitButton>Change the password</SubmitButton>
    </form>
  );
}
