import 'server-only';
import { headers } from 'next/headers';
import { POSTBACK_FIELD, type Postback } from './postback-field';

/*
 * A form posted before its page's JavaScript ran (or in a browser without it) is answered with a
 * whole page: Next.js runs the Server Action, then renders the page. React would put the action's
 * answer (the form's state: its messages and what was typed) into that page's HTML, but Next.js
 * 16 renders such a page by resuming its prerendered shell, and a resumed render is not given the
 * answer; the form came back empty, what was typed lost. So the action keeps its answer here, for
 * the rest of that one request, and the root layout hands it to the form it belongs to
 * (components/forms/postback.tsx). See docs/decisions/013-forms-without-javascript.md.
 *
 * The request is known by its headers object: Next.js gives the action and the render after it the
 * same one, and a new one to every request, so nothing is kept once the request is gone.
 */
const answers = new WeakMap<object, Postback>();

/**
 * Keeps `state`, the answer to the form in `formData`, for the page rendered after this action,
 * when the browser posted the form itself; a form sent by the page's script (the `Next-Action`
 * header) gets its answer directly. Returns `state`.
 */
export async function answer<State>(formData: FormData, state: State | Promise<State>): Promise<State> {
  const answered = await state;
  const form = formData.get(POSTBACK_FIELD);
  const request = await headers();
  if (typeof form === 'string' && form.length <= 200 && !request.has('next-action')) {
    answers.set(request, { form, state: answered });
  }
  return answered;
}

/** The answer kept by this request's action, if one ran and its form was posted by the browser. */
export async function postback(): Promise<Postback | null> {
  return answers.get(await headers()) ?? null;
}
