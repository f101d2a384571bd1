import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { PostbackProvider } from '@/components/forms/postback';
import { PostbackNotice } from '@/components/forms/postback-notice';
import { HomeLink, MainNavLinks } from '@/components/ui/main-nav-links';
import { FiltersAsServed } from '@/components/ui/filters-as-served';
import { NavFocus } from '@/components/ui/nav-focus';
import { PrintDetails } from '@/components/ui/print-details';
import { postback } from '@/lib/forms/postback';
import { contactEmail, SITE_DESCRIPTION, SITE_FEEDS, siteUrl } from '@/lib/site';
import './globals.css';

export const metadata: Metadata = {
  metadataBase: new URL(siteUrl()),
  title: { default: 'Counterweight', template: '%s · Counterweight' },
  openGraph: { siteName: 'Counterweight', type: 'website' },
  alternates: { types: SITE_FEEDS },
  description: SITE_DESCRIPTION,
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Every page is rendered when asked, never served from a prerendered shell: its scripts must carry
// the request's nonce (proxy.ts, docs/decisions/009), which a shell made at build time cannot have.
// The data stays cached ('use cache', lib/public-data.ts). `instant = false` here turns off the
// check that each page has a static shell (there is none now). Pages block rather than stream a
// shell: the whole page is rendered before anything is sent. Its status (200) is set before it
// renders, though, so malformed addresses get their real 404 from proxy.ts, before rendering, and
// a record page that finds no record (a well-formed but unknown slug or id) gets its 404 from the
// server, which holds such pages until they end (lib/page-status.ts).
export const instant = false;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const contact = contactEmail();
  const answered = await postback();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <a
          href="#content"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-stone-300 bg-white print:hidden">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <HomeLink />
            {/* On a phone the menu is the rest of the site's name's line (on its own line below it where under 12 rem
                would be left), and scrolls sideways, so the page starts near the top and the name stays in view; its
                right edge fades, saying there is more, and so does its left edge once it is scrolled (a word cut off
                there; at the start the fade covers only the padding); its end stops short of the fade, and while a
                link in it has the focus it does not fade at all, so the focused link is never dimmed. Room above and
                below and at the left (taken back by the margins: at the left, from the gap after the name) keeps a
                focused link's outline from being cut off. Without the page's script, which scrolls a focused link
                wholly into view (NavFocus), the menu shows every link on as many lines as it takes while one has the
                focus: the browser would leave it cut off. From the sm width it does not scroll: its links wrap beside
                the name, the search below them; from lg it takes the width its links need, the search beside them
                when there is room. */}
            <nav
              aria-label="Main"
              className="-my-1.5 -mr-4 -ml-4 flex min-w-0 flex-1 basis-48 items-center gap-x-5 scroll-pr-10 scroll-pl-4 overflow-x-auto py-1.5 pr-10 pl-4 whitespace-nowrap [mask-image:linear-gradient(to_right,transparent,#000_1rem,#000_calc(100%-2.5rem),transparent)] sm:mx-0 sm:my-0 sm:flex-wrap sm:gap-y-2 lg:flex-initial sm:overflow-visible sm:px-0 sm:py-0 focus-within:[mask-image:none] noscript:focus-within:flex-wrap noscript:focus-within:gap-y-2 sm:[mask-image:none]"
            >
              <MainNavLinks />
            </nav>
            <form
              method="get"
              action="/search"
              role="search"
              aria-label="Site"
              className="flex w-full gap-2 lg:ml-auto lg:w-auto"
            >
              <label htmlFor="site-search" className="sr-only">
                Search the record
              </label>
              <input
                id="site-search"
                name="q"
                type="search"
                maxLength={200}
                placeholder="Search"
                className="min-w-0 flex-1 rounded border border-stone-500 px-2 py-1 text-sm lg:w-40 lg:flex-none"
              />
              <button type="submit" className="rounded bg-stone-800 px-3 py-1 text-sm text-white hover:bg-stone-700">
                Search
              </button>
            </form>
          </div>
        </header>
        <PrintDetails />
        <FiltersAsServed />
        <NavFocus />
        <main id="content" className="mx-auto max-w-5xl px-4 py-8">
          <PostbackNotice postback={answered} />
          <PostbackProvider postback={answered}>{children}</PostbackProvider>
        </main>
        <footer className="mx-auto max-w-5xl print:text-xs border-t border-stone-300 px-4 py-6 text-sm text-stone-600">
          <p>
            Every public record cites its sources. Employee actions include the public-domain data set{' '}
            <a href="https://github.com/collective-action/tech">Collective Action in Tech</a> (Tan and Nedzhvetskaya,
            2020).
          </p>
          <p className="mt-2">
            <a href="/api-docs" className="inline-block py-1">
              The record as open data
            </a>
            : an API, downloads of every list and feeds, with their licence and how to cite them.{' '}
            <a href="/about" className="inline-block py-1">
              About Counterweight
            </a>
            .
          </p>
          {contact && (
            <p className="mt-2">
              Found a mistake? Write to <a href={`mailto:${contact}`}>{contact}</a> with the page&rsquo;s address and a
              source: corrections are reviewed and every change is kept in the record&rsquo;s public history.
            </p>
          )}
          {/* The same for everyone (public pages are cached whole): signed in, it opens an editor's own work. */}
          <p className="mt-2 print:hidden">
            <a href="/editor" className="inline-block py-1">
              For editors: my work
            </a>{' '}
            (sign-in needed)
          </p>
        </footer>
      </body>
    </html>
  );
}
