'use client';

import { publishAction, rejectAction } from '@/app/(editor)/editor/actions';
import { FormMessage, SubmitButton, TextArea, type FormState } from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';

/**
 * Publish or reject a change; a change that can no longer be published (stale) can only be
 * rejected. `seen`: when its author last revised it, as this page shows it ('' for never): a
 * change revised since is not decided unseen.
 */
export function ReviewDecision({
  changeId,
  seen,
  publishable = true,
  queue,
}: {
  changeId: string;
  seen: string;
  publishable?: boolean;
  /** The queue's filters as a query string ('' for none): where deciding leads back to. */
  queue: string;
}) {
  const [published, publish, publishField] = useFormAction<FormState>('publish', publishAction, {});
  const [rejected, reject, rejectField] = useFormAction<FormState>('reject', rejectAction, {});
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      {publishable && (
        <form action={publish} className="space-y-3">
          {publishField}
          <FormMessage state={published} />
          <input type="hidden" name="changeId" value={changeId} />
          <input type="hidden" name="seen" value={seen} />
          <input type="hidden" name="queue" value={queue} />
          <SubmitButton>Publish</SubmitButton>
        </form>
      )}
      {/* Checked on the server, which says what is missing next to the field, as every form here does. */}
      <form action={reject} className="space-y-3" noValidate>
        {rejectField}
        <FormMessage state={rejected} />
        <input type="hidden" name="changeId" value={changeId} />
        <input type="hidden" name="seen" value={seen} />
        <input type="hidden" name="queue" value={queue} />
        <TextArea
          name="reason"
          label="Why it cannot be published (the editor sees this)"
          state={rejected}
          required
          rows={3}
          maxLength={2000}
        />
        <SubmitButton>Reject</SubmitButton>
      </form>
    </div>
  );
}
