'use client';

import './globals.css';

/**
 * The last boundary: an error in the root layout itself (for example when the layout's data cannot
 * be read). It replaces the whole document, so it has its own <html> and <body>. It runs in the
 * browser, so it cannot write the server's logs: the server logged the error with its digest,
 * which is shown here so that a report can be matched to the log line.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="mx-auto max-w-2xl p-8 font-sans text-stone-900">
        <main className="space-y-3" role="alert">
          <h1 className="text-3xl font-bold">Counterweight is unavailable for a moment</h1>
          <p className="text-stone-700">
            The page could not be shown, probably because the database is briefly out of reach. Nothing you sent has
            been lost without a message: if a form did not say it was saved, please send it again in a moment.
          </p>
          {error.digest ? <p className="text-sm text-stone-500">Reference: {error.digest}</p> : null}
          <button
            type="button"
            onClick={reset}
            className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-700"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
