'use client';

import { useEffect, useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { setRecipientAsideAction, type AsideState } from '@/app/(editor)/review/import/actions';
import { FormMessage } from '@/components/forms/fields';
import { useFormAction, usePostback } from '@/components/forms/postback';
import { answerAnchor } from '@/lib/forms/postback-field';

/** The event a set-aside form sends with what it did, for the lists' announcer (AsideAnnouncer). */
const DONE_EVENT = 'counterweight:recipient-aside';
/** The start of every set-aside form's name, as its answer sent back without the page's script names it. */
const FORM = 'recipient-';

/** Takes down what the lists' announcer says: a file imported since has brought the lists up to date. */
export function clearAsideNotice() {
  window.dispatchEvent(new CustomEvent(DONE_EVENT, { detail: '' }));
}

/**
 * Sets a recipient waiting for a company aside (`step` aside: the record does not follow it), or
 * puts one set aside back on the list. A small button on the recipient's line, named for it; a
 * refusal is said above it, and what was done by the lists' announcer (the line moves to the other
 * list as the page is brought up to date, and this button with it).
 */
export function RecipientAside({ name, step }: { name: string; step: 'aside' | 'back' }) {
  // One form per recipient: its answer, sent back without the page's script, comes to it alone.
  const [state, action, formField] = useFormAction<AsideState>(
    `${FORM}${step}-${name.slice(0, 150)}`,
    setRecipientAsideAction,
    {},
    (answer) => {
      if (answer.done) window.dispatchEvent(new CustomEvent(DONE_EVENT, { detail: answer.done }));
    },
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

/**
 * Says what a set-aside form did, at the head of the lists, and takes the focus there: the button
 * that had it left with the recipient it moved, which would leave a keyboard at the page's start.
 * Without the page's script, the page that answers the form says it here too, where the notice at
 * the page's top leads (the form itself moved to the other list with its recipient).
 */
export function AsideAnnouncer() {
  const postback = usePostback();
  const answered = postback?.form.startsWith(FORM) ? (postback.state as AsideState | null)?.done : undefined;
  const [said, setSaid] = useState(answered ?? '');
  const box = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const hear = (event: Event) => setSaid(String((event as CustomEvent<string>).detail));
    window.addEventListener(DONE_EVENT, hear);
    return () => window.removeEventListener(DONE_EVENT, hear);
  }, []);
  useEffect(() => {
    if (said) box.current?.focus();
  }, [said]);
  return (
    <p
      ref={box}
      id={answered && postback ? answerAnchor(postback.form) : undefined}
      tabIndex={-1}
      role="status"
      className={said ? 'rounded border border-green-800 bg-green-50 p-2' : 'sr-only'}
    >
      {said}
    </p>
  );
}
