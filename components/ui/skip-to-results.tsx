/**
 * A link past a list's filters to its results (#results), seen once the keyboard reaches it: on a
 * phone the filters fill the first screen, and a keyboard would go through each of them first.
 */
export function SkipToResults() {
  return (
    <a
      href="#results"
      className="sr-only focus:not-sr-only focus:inline-block focus:rounded focus:bg-white focus:px-3 focus:py-2"
    >
      Skip the filters to the results
    </a>
  );
}
