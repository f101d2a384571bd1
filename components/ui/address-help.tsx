'use client';

import { useSyncExternalStore } from 'react';

const noChange = () => () => undefined;

/**
 * On the not-found page: when the address ends in settings (`?year=1800`), they may be what could
 * not be understood (the page itself exists): it is offered without them. A record's address
 * without settings is offered the list the record would be in. Read in the browser, so the
 * not-found page stays the same for every address. Then the way out: the companies (unless their
 * list was just offered) and the home page.
 */
export function AddressHelp() {
  const address = useSyncExternalStore(
    noChange,
    () => `${location.pathname}${location.search}`,
    () => '',
  );
  const [path = '', search] = address.split(/\?(.*)/s);
  const help = path === '/address-not-found' ? null : search ? <WithoutSettings path={path} search={search} /> : null;
  // A record's address mistyped (/agencies/dhss): the list it would be in, to find it by its name.
  const [, first = '', ...rest] = path.replace(/\/$/, '').split('/');
  const list = !search && Object.hasOwn(LISTS, first) && rest.length === 1 ? LISTS[first] : undefined;
  return (
    <>
      {help}
      {list && (
        <p>
          Look for it in <a href={list.href}>the list of {list.name}</a>, or <a href="/search">search for it</a> by
          name.
        </p>
      )}
      <p>
        {list?.href === '/companies' ? (
          'Or go to the '
        ) : (
          <>
            <a href="/companies">Browse the companies</a> or go to the{' '}
          </>
        )}
        <a href="/">home page</a>.
      </p>
    </>
  );
}

/** Settings the page may not have understood, and the address without them. */
function WithoutSettings({ path, search }: { path: string; search: string }) {
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

/** The lists a record's address is under, by its first part. */
const LISTS: Record<string, { href: string; name: string }> = {
  companies: { href: '/companies', name: 'companies' },
  agencies: { href: '/agencies', name: 'agencies' },
  organizations: { href: '/organizations', name: 'organizations' },
  contracts: { href: '/contracts', name: 'contracts' },
  actions: { href: '/incidents?kind=action', name: 'employee actions' },
  donations: { href: '/incidents?kind=donation', name: 'donation responses' },
  statements: { href: '/incidents?kind=statement', name: 'company statements' },
};
