'use client';

import { withdrawAction } from '@/app/(editor)/editor/actions';
import { FormMessage, SubmitButton, type FormState } from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';
import { useMarkDraftSent } from '@/components/forms/draft-keeper';

/**
 * Takes back the editor's own change while it waits for review (it can be sent again later). The
 * browser's draft of its form (`draft`: its kind, and the record or change it is kept under) goes
 * with it.
 */
export function WithdrawChange({ changeId, draft }: { changeId: string; draft?: { kind: string; id: string } }) {
  const [state, action, formField] = useFormAction<FormState>(`withdraw-${changeId}`, withdrawAction, {});
  const markSent = useMarkDraftSent(draft?.kind ?? '', draft?.id);
  return (
    <form
      action={action}
      onSubmit={draft ? markSent : undefined}
      className="space-y-3"
      aria-label="Withdraw this change"
    >
      {formField}
      <FormMessage state={state} />
      <input type="hidden" name="changeId" value={changeId} />
      <SubmitButton>Withdraw it</SubmitButton>
    </form>
  );
}
