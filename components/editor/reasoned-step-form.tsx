'use client';

import { FormMessage, SubmitButton, TextArea, type FormState } from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';
import { useStepAnswers } from './step-answers';

/**
 * A reviewer's step on a record's history page (restore a version, archive, bring back): folded
 * until opened, what it does, the reason the history keeps, and the button. Open again after a
 * refusal, with its message.
 */
export function ReasonedStepForm({
  action: step,
  id,
  summary,
  description,
  fields,
  reasonLabel,
  submit,
  className,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  /** Unique on the page: the prefix of the form's element ids. */
  id: string;
  summary: string;
  description: string;
  /** What the step is about, sent as hidden fields. */
  fields: Record<string, string | number>;
  reasonLabel: string;
  submit: string;
  className: string;
}) {
  const [state, action, formField] = useFormAction<FormState>(id, step, {}, useStepAnswers(id));
  return (
    <details className={className} open={Boolean(state.message)}>
      <summary className="cursor-pointer font-medium text-stone-900">{summary}</summary>
      <form action={action} className="mt-2 max-w-xl space-y-3" aria-labelledby={`${id}-title`} noValidate>
        {formField}
        <p id={`${id}-title`} className="text-sm text-stone-700">
          {description}
        </p>
        <FormMessage state={state} fieldId={(name) => `${id}-${name}`} />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <TextArea
          id={`${id}-reason`}
          name="reason"
          label={reasonLabel}
          state={state}
          required
          rows={2}
          maxLength={2000}
        />
        <SubmitButton>{submit}</SubmitButton>
      </form>
    </details>
  );
}
