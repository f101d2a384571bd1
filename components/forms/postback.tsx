'use client';

import { createContext, useActionState, useContext } from 'react';
import { POSTBACK_FIELD, answerAnchor, type Postback } from '@/lib/forms/postback-field';

const PostbackContext = createContext<Postback | null>(null);

/** Given by the root layout: the answer to a form this request posted without the page's script. */
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
): [state: Awaited<State>, dispatch: (formData: FormData) => void, field: React.ReactNode, pending: boolean] {
  const postback = useContext(PostbackContext);
  const [state, dispatch, pending] = useActionState(
    action,
    postback?.form === form ? (postback.state as Awaited<State>) : initial,
  );
  const field = (
    <>
      <input type="hidden" name={POSTBACK_FIELD} value={form} />
      {/* Where the notice at the top of an answered page leads (components/forms/postback-notice.tsx). */}
      <span id={answerAnchor(form)} />
    </>
  );
  return [state, dispatch, field, pending];
}
