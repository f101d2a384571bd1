'use client';

import { useEffect, useState } from 'react';
import { answerAnchor, type Postback } from '@/lib/forms/postback-field';

/**
 * At the top of a page that answers a form sent without the page's script: its message, and a link
 * to the form. The page comes back scrolled to its top, and the script that brings a form's message
 * into view did not run, so a form low on the page (or on a phone) would seem to have done nothing.
 * Once the script runs, the next form sent takes it away: its answer is the form's own to show.
 */
export function PostbackNotice({ postback }: { postback: Postback | null }) {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    const hide = () => setShown(false);
    document.addEventListener('submit', hide);
    return () => document.removeEventListener('submit', hide);
  }, []);
  if (!postback || !shown) return null;
  const state = postback.state as { message?: unknown } | null;
  const message = typeof state?.message === 'string' ? state.message : 'The answer to the form you sent is below.';
  return (
    <p className="mb-6 rounded border border-stone-500 bg-stone-50 p-3">
      {message}{' '}
      <a href={`#${answerAnchor(postback.form)}`} className="font-medium">
        Go to the form
      </a>
    </p>
  );
}
