'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-3" role="alert" data-no-page-cache="">
      <h1 className="text-3xl font-bold">Something went wrong</h1>
      <p className="text-stone-700">
        The page could not be shown. The problem has been logged; please try again in a moment.
      </p>
      <button type="button" onClick={reset} className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-700">
        Try again
      </button>
    </div>
  );
}
