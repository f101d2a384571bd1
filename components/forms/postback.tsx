'use client';

import { createContext, useActionState, useContext, useEffect, useMemo, useRef } from 'react';
import { POSTBACK_FIELD, answerAnchor, type Postback } from '@/lib/forms/postback-field';

const PostbackContext = createContext<Postback | null>(null);

/** Given by the root layout: the answer to a form this request posted without the page's script. */
/** The answer to a form sent without the page's script, if this page is one (null otherwise). */
export const usePostback = (): Postback | null => useContext(PostbackContext);

export function PostbackProvider({ postback, children }: { postback: Postback | null; children: React.ReactNode }) {
  return <PostbackContext value={postback}>{children}</PostbackContext>;
}

/**
 * `useActionState` for a form that works before (and without) the page's script: `form` names the
 * form, unique on its page, and the hidden field returned third goes inside it. A form the browser
 * posted itself starts from the action's answer (lib/forms/postback.ts), so its messages show and
 * what was typed is kept, as when the script sends it.
 */
export function useFormAction<State>(
  form: string,
  action: (state: Awaited<State>, formData: FormData) => State | Promise<State>,
  initial: Awaited<State>,
  /**
   * Told each answer the page's script gets, as it comes: before the page the answer brings is
   * shown, which may no longer hold this form (components/editor/step-answers.tsx).
   */
  onAnswer?: (state: Awaited<State>) => void,
): [state: Awaited<State>, dispatch: (formData: FormData) => void, field: React.ReactNode, pending: boolean] {
  const postback = useContext(PostbackContext);
  const told = useRef(onAnswer);
  useEffect(() => {
    told.current = onAnswer;
  });
  // Whether there is a listener, not which: the latest is read when an answer comes.
  const listened = onAnswer !== undefined;
  const run = useMemo(
    () =>
      listened
        ? async (previous: Awaited<State>, formData: FormData) => {
            const answered = await action(previous, formData);
            told.current?.(answered);
            return answered;
          }
        : action,
    [action, listened],
  );
  const [state, dispatch, pending] = useActionState(
    run,
    postback?.form === form ? (postback.state as Awaited<State>) : initial,
  );
  const formAction = useMemo(() => sentWithoutScript(action, dispatch), [action, dispatch]);
  const field = (
    <>
      <input type="hidden" name={POSTBACK_FIELD} value={form} />
      {/* Where the notice at the top of an answered page leads (components/forms/postback-notice.tsx). */}
      <span id={answerAnchor(form)} />
    </>
  );
  return [state, formAction, field, pending];
}

/** A Server Action as the page has it: what React writes into a form for the browser to post it. */
type ServerReference = {
  $$FORM_ACTION?: (prefix: string) => unknown;
  bind: (self: null, ...args: unknown[]) => ServerReference;
};

/**
 * The form's action: `dispatch` once the page's script runs. Before then (and without it) the
 * browser posts the form to the Server Action itself, given no previous state (none reads it).
 * Not `dispatch` as React writes it into the page: that marks the post as answering this very
 * hook, and Next.js then hands the answer to the page's script as well, which looks for it in
 * HTML that a page resumed from its prerendered shell never has, fails to hydrate (React error
 * 418) and renders the page again, losing what was typed since it came back. The answer reaches
 * the form through lib/forms/postback.ts instead, in the HTML and in the script alike.
 */
function sentWithoutScript<State>(
  action: (state: Awaited<State>, formData: FormData) => State | Promise<State>,
  dispatch: (formData: FormData) => void,
): (formData: FormData) => void {
  const send = (formData: FormData) => dispatch(formData);
  const reference = action as unknown as ServerReference;
  if (typeof reference.$$FORM_ACTION === 'function') {
    const posted = reference.bind(null, null);
    Object.defineProperty(send, '$$FORM_ACTION', { value: (prefix: string) => posted.$$FORM_ACTION?.(prefix) });
  }
  return send;
}
