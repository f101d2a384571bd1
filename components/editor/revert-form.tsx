'use client';

import { useActionState } from 'react';
import { revertAction } from '@/app/(editor)/editor/actions';
import { FormMessage, SubmitButton, TextArea, type FormState } from '@/components/forms/fields';

/** A reviewer's form to restore one earlier version of a record, with the reason the history keeps. */
export function RevertForm({
  revisionId,
  side,
  version,
  baseVersion,
}: {
  revisionId: string;
  side: 'before' | 'after';
  version: number;
  baseVersion: number;
}) {
  const [state, action] = useActionState<FormState, FormData>(revertAction, {});
  const id = `${revisionId}-${side}`;
  return (
    <details className="mt-2" open={Boolean(state.message)}>
      <summary className="cursor-pointer font-medium text-stone-900">Restore version {version}</summary>
      <form action={action} className="mt-2 max-w-xl space-y-3" aria-labelledby={`${id}-title`} noValidate>
        <p id={`${id}-title`} className="text-sm text-stone-700">
          The record becomes as it was in version {version}; this change is kept in the history like any other.
        </p>
        <FormMessage state={state} fieldId={(name) => `${id}-${name}`} />
        <input type="hidden" name="revisionId" value={revisionId} />
        <input type="hidden" name="side" value={side} />
        <input type="hidden" name="baseVersion" value={baseVersion} />
        <TextArea
          id={`${id}-reason`}
          name="reason"
          label={`Why restore version ${version}`}
          state={state}
          required
          rows={2}
          maxLength={2000}
        />
        <SubmitButton>Restore version {version}</SubmitButton>
      </form>
    </details>
  );
}
