import type { Metadata } from 'next';
import { AddressHelp } from '@/components/ui/address-help';

// Next.js marks it noindex itself (a second robots tag would repeat it).
export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    // Not marked data-no-page-cache: this boundary travels in every page's payload. A page that
    // answers "not found" carries the digest of notFound() instead, which the page cache looks for.
    <div className="space-y-3">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="text-stone-700">
        There is no page at this address. It may have moved, or the link may be mistyped.
      </p>
      <AddressHelp />
    </div>
  );
}
