import type { Metadata } from 'next';
import NotFound from '../not-found';

// What proxy.ts shows, with a 404 status, for an address that cannot name anything.
export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

export default NotFound;
