'use client';

import { useFormStatus } from 'react-dom';
import { setRecipientAsideAction, type AsideState } from '@/app/(editor)/review/import/actions';
import { FormMessage } from '@/components/forms/fields';
import { useFormAction } from '@/components/forms/postback';

/**
 * Sets a recipient waiting for a company aside (`step` aside: the record does not follow it), or
 * puts one set aside back on the list. A small button on the recipient's line, named for it; a
 * refusal is said above it.
 */
export function RecipientAside({ name, step }: { name: string; step: 'aside' | 'back' }) {
  // One form per recipient: its answer, sent back without the page's script, comes to it alone.
  const [state, action, formField] = useFormAction<AsideState>(
    `recipient-${step}-${name.slice(0, 150)}`,
    setRecipientAsideAction,
    {},
  );
  return (
    <form action={action} className="inline">
      {formField}
      <FormMessage state={state} />
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="step" value={step} />
      <AsideButton name={name} step={step} />
    </form>
  );
}

function AsideButton({ name, step }: { name: string; step: 'aside' | 'back' }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="rounded border border-stone-500 bg-white px-2 py-1 text-sm text-stone-900 hover:bg-stone-100 disabled:text-stone-500"
    >
      {pending ? 'Sending…' : step === 'aside' ? 'Set aside: not followed' : 'Put back on the list'}
      <span className="sr-only"> ({name})</span>
    </button>
  );
}
