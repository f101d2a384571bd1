/**
 * What a list shows (how many, in which order), where its filters, its order and its pages lead
 * (`#results`): on a phone the filters fill the screen above it, and with the keyboard the next
 * Tab goes on from here. Focusable by its address alone, so that the jump takes the focus here,
 * not to the page's body.
 */
export function ResultsSummary({ children }: { children: React.ReactNode }) {
  return (
    <p id="results" tabIndex={-1} className="scroll-mt-4 text-stone-700 focus:outline-none" aria-live="polite">
      {children}
    </p>
  );
}
