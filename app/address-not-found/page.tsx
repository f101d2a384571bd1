import { notFound } from 'next/navigation';

// proxy.ts rewrites malformed addresses here. Calling notFound() while the page is prerendered
// gives the rewritten response a real 404 status and the app's not-found page.
export default function AddressNotFound() {
  notFound();
}
