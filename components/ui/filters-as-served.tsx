'use client';

import { useEffect } from 'react';

/**
 * Sent to a GET form once it is put back as served: a control whose text is its script's state (a
 * name box) takes its served value again. Not the form's own `reset` event, which React also
 * sends when a form's action ends (a refused editor's form, whose name boxes keep what was typed).
 */
export const SERVED_AGAIN = 'counterweight:served-again';

/** Each GET form (a list's filters, a search box) put back to what the page was served with. */
function resetGetForms() {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[method="get"]')) {
    form.reset();
    form.dispatchEvent(new Event(SERVED_AGAIN));
  }
}

/**
 * A page's filter forms show what its address asks for. A page shown again by Back or Forward
 * keeps what was chosen in them before leaving (from the browser's memory of the page, or put
 * back into the page loaded again), which the list no longer applies: they are reset to the
 * values the page was served with, as its address gives them.
 */
export function FiltersAsServed() {
  useEffect(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    if (navigation?.type === 'back_forward') resetGetForms();
    const shown = (event: PageTransitionEvent) => {
      if (event.persisted) resetGetForms();
    };
    window.addEventListener('pageshow', shown);
    return () => window.removeEventListener('pageshow', shown);
  }, []);
  return null;
}
