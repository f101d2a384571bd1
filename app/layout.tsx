import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Counterweight', template: '%s · Counterweight' },
  description:
    'A public, cited record of how companies\u2019 government contracts meet resistance: employee actions, donation responses and company statements.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <a
          href="#content"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-stone-300 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link href="/" className="text-lg font-bold text-stone-900 no-underline">
              Counterweight
            </Link>
            <Link href="/companies">Companies</Link>
          </nav>
        </header>
        <main id="content" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
        <footer className="mx-auto max-w-5xl border-t border-stone-300 px-4 py-6 text-sm text-stone-600">
          <p>
            Every public record cites its sources. Employee actions include the public-domain data set{' '}
            <a href="https://github.com/collective-action/tech">Collective Action in Tech</a> (Tan and Nedzhvetskaya,
            2020).
          </p>
        </footer>
      </body>
    </html>
  );
}
