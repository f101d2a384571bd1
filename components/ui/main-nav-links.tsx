'use client';

import { usePathname } from 'next/navigation';

/** The main menu's sections, each with the addresses that belong to it besides its own. */
const SECTIONS: { href: string; label: string; within?: string[] }[] = [
  { href: '/companies', label: 'Companies' },
  // A record's own page belongs with the list of every incident.
  { href: '/incidents', label: 'Incidents', within: ['/actions', '/donations', '/statements'] },
  { href: '/compare', label: 'Compare' },
  { href: '/contracts', label: 'Contracts' },
  { href: '/agencies', label: 'Agencies' },
  { href: '/organizations', label: 'Organizations' },
  { href: '/api-docs', label: 'Open data' },
  { href: '/about', label: 'About' },
];

const under = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/**
 * The site's name, a link home (marked on the home page), beside the main menu rather than in it: on
 * a phone the menu scrolls sideways, and the name stays in view however far it is scrolled.
 */
export function HomeLink() {
  const pathname = usePathname() ?? '';
  return (
    <a
      href="/"
      aria-current={pathname === '/' ? 'page' : undefined}
      className="shrink-0 text-lg font-bold text-stone-900 no-underline"
    >
      Counterweight
    </a>
  );
}

/**
 * The main menu's links, the section the page belongs to marked: `aria-current="page"` on its own
 * page, `"true"` below it (a profile under Companies), styled by globals.css. Rendered with the page
 * on the server, so marked without the page's script too.
 */
export function MainNavLinks() {
  const pathname = usePathname() ?? '';
  return (
    <>
      {SECTIONS.map(({ href, label, within = [] }) => {
        const current =
          pathname === href ? 'page' : [href, ...within].some((prefix) => under(pathname, prefix)) ? 'true' : undefined;
        return (
          <a key={href} href={href} aria-current={current}>
            {label}
          </a>
        );
      })}
    </>
  );
}
