'use client';

import { useActionState } from 'react';
import { withdrawAction } from '@/app/(editor)/editor/actions';
import { FormMessage, SubmitButton, type FormState } from '@/components/forms/fields';

/** Takes back the editor's own change while it waits for review (it can be sent again later). */
export function WithdrawChange({ changeId }: { changeId: string }) {
  const [state, action] = useActionState<FormState, FormData>(withdrawAction, {});
  return (
    <form action={action} className="space-y-3" aria-label="Withdraw this change">
      <FormMessage state={state} />
      <input type="hidden" name="changeId" value={changeId} />
      <SubmitButton>Withdraw it</SubmitButton>
    </form>
  );
}
