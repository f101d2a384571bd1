'use client';

import { useEffect } from 'react';

/** Each GET form (a list's filters, a search box) put back to what the page was served with. */
function resetGetForms() {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[method="get"]')) form.reset();
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
