/** The hidden field naming the form a state belongs to (one name per form on a page). */
export const POSTBACK_FIELD = '$form';

/** An action's answer to a form posted without the page's script, and the form it answers. */
export interface Postback {
  form: string;
  state: unknown;
}

/** The id of the place in a page where the form named `form` begins. */
export const answerAnchor = (form: string) => `answer-${form.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
