'use client';

import { useActionState } from 'react';
import { archiveAction } from '@/app/(editor)/editor/actions';
import { FormMessage, SubmitButton, TextArea, type FormState } from '@/components/forms/fields';

/** A reviewer's form to take an incident off the public pages, or to bring an archived one back, with the reason the history keeps. */
export function ArchiveForm({
  step,
  recordType,
  recordId,
  baseVersion,
}: {
  step: 'archive' | 'restore';
  recordType: string;
  recordId: string;
  baseVersion: number;
}) {
  const [state, action] = useActionState<FormState, FormData>(archiveAction, {});
  const title = step === 'archive' ? 'Archive this record' : 'Bring it back to the public pages';
  return (
    <details className="rounded border border-stone-300 bg-white p-3" open={Boolean(state.message)}>
      <summary className="cursor-pointer font-medium text-stone-900">{title}</summary>
      <form action={action} className="mt-2 max-w-xl space-y-3" aria-labelledby={`${step}-title`} noValidate>
        <p id={`${step}-title`} className="text-sm text-stone-700">
          {step === 'archive'
            ? 'It leaves every public page, list, export and feed; its address then says it was archived, and why. Nothing is deleted, and it can be brought back.'
            : 'It is published again as it is now, on every page that showed it.'}
        </p>
        <FormMessage state={state} fieldId={(name) => `${step}-${name}`} />
        <input type="hidden" name="step" value={step} />
        <input type="hidden" name="recordType" value={recordType} />
        <input type="hidden" name="recordId" value={recordId} />
        <input type="hidden" name="baseVersion" value={baseVersion} />
        <TextArea
          id={`${step}-reason`}
          name="reason"
          label={step === 'archive' ? 'Why archive it (shown on its page)' : 'Why bring it back'}
          state={state}
          required
          rows={2}
          maxLength={2000}
        />
        <SubmitButton>{step === 'archive' ? 'Archive it' : 'Bring it back'}</SubmitButton>
      </form>
    </details>
  );
}
