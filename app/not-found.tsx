import Link from 'next/link';

export default function NotFound() {
  return (
    // data-no-page-cache: the whole-page cache (lib/response-cache.ts) never keeps this answer.
    <div className="space-y-3" data-no-page-cache="">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="text-stone-700">
        There is no page at this address. It may have moved, or the link may be mistyped.
      </p>
      <p>
        <Link href="/companies">Browse the companies</Link> or go to the <Link href="/">home page</Link>.
      </p>
    </div>
  );
}
