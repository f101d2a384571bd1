/**
 * A link past a list's filters to its results (#results), seen once the keyboard reaches it: on a
 * phone the filters fill the first screen, and a keyboard would go through each of them first.
 */
export function SkipToResults() {
  return (
    <a
      href="#results"
      // Laid over the form where it stands (absolute, at its place in the flow), not pushing it down.
      className="sr-only focus:not-sr-only focus:absolute focus:z-10 focus:inline-block focus:rounded focus:border focus:border-stone-400 focus:bg-white focus:px-3 focus:py-2 focus:shadow"
    >
      Skip the filters to the results
    </a>
  );
}
