import { connection } from 'next/server';
import { formatPreciseDate } from '@/lib/dates';
import type { Versioned } from '@/lib/data/records';
import { siteUrl } from '@/lib/site';
import { quotedTitle } from '@/lib/text';

/*
 * How to cite the page, written out (the form /about gives): its title, its full address and the
 * day it was read, and for a record the version its history numbers, so that a reader can find the
 * very state that was cited even after corrections.
 */
export async function CiteRecord({
  title,
  path,
  state,
  history,
}: {
  title: string;
  path: string;
  /** A record's version; none for a profile, which gathers records and changes with them. */
  state?: Versioned;
  history: string;
}) {
  // The day it is read: the request's, not the build's.
  await connection();
  const today = formatPreciseDate(new Date(), 'DAY');
  return (
    <section aria-labelledby="cite" className="space-y-2 text-sm">
      <h2 id="cite" className="text-xl font-semibold">
        Cite this {state ? 'record' : 'page'}
      </h2>
      <p className="break-words rounded border border-stone-300 bg-stone-50 p-3 text-stone-800">
        Counterweight. {quotedTitle(title)}
        {state && ` Version ${state.version}, last changed ${formatPreciseDate(state.updatedAt, 'DAY')}.`} {siteUrl()}
        {path}, read on {today}.
      </p>
      <p className="text-stone-700 print:hidden">
        {state ? (
          <>
            Each version is kept in <a href={`${history}#version-${state.version}`}>the record&rsquo;s history</a>.
          </>
        ) : (
          <>
            This page gathers many records and changes as they are added and corrected: cite the records you use as
            well. Its own changes are in <a href={history}>its history</a>.
          </>
        )}
      </p>
    </section>
  );
}
