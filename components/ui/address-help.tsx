'use client';

import { useSyncExternalStore } from 'react';

const noChange = () => () => undefined;

/**
 * On the not-found page: when the address ends in settings (`?year=1800`), they may be what could
 * not be understood (the page itself exists): it is offered without them. Read in the browser, so
 * the not-found page stays the same for every address.
 */
export function AddressHelp() {
  const address = useSyncExternalStore(
    noChange,
    () => `${location.pathname}${location.search}`,
    () => '',
  );
  const [path = '', search] = address.split(/\?(.*)/s);
  if (!search || path === '/address-not-found') return null;
  let shown = search;
  try {
    shown = decodeURIComponent(search.replace(/\+/g, ' '));
  } catch {
    // Shown as it is.
  }
  return (
    <p>
      If the page itself exists, the settings at the end of this address (
      <code className="wrap-anywhere">?{shown.slice(0, 120)}</code>) may be what could not be understood:{' '}
      <a href={path}>open {path.slice(0, 120)} without them</a>.
    </p>
  );
}
