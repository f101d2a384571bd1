import type { Metadata } from 'next';
import { connection } from 'next/server';
import { IncidentList } from '@/components/incidents/incident-list';
import { PreciseDate } from '@/components/ui/precise-date';
import { cachedHome } from '@/lib/public-data';
import { READY_COMPARISONS } from '@/lib/ready-comparisons';
import { canonicalAlternates, openGraph, SITE_DESCRIPTION } from '@/lib/site';

// Rendered per request, as every page is (app/layout.tsx); said here too, where the development
// server checks the page on its own.
export const instant = false;

// The layout's title and description, with the address the page is shared and indexed by.
export const metadata: Metadata = {
  // With the layout's feeds: a page's alternates replace the layout's whole.
  alternates: canonicalAlternates('/'),
  openGraph: openGraph({
    title: 'Counterweight',
    description: SITE_DESCRIPTION,
    url: '/',
  }),
};

export default async function HomePage() {
  await connection();
  const { story, latest, reach } = await cachedHome(['salesforce', 'google', 'microsoft', 'amazon']);
  return (
    <div className="space-y-8">
      <section aria-labelledby="intro" className="space-y-3">
        <h1 id="intro" className="text-3xl font-bold">
          How companies&rsquo; government contracts meet resistance
        </h1>
        <p className="max-w-3xl text-lg text-stone-700">
          Counterweight keeps one cited record of companies&rsquo; government contracts and what answered them: employee
          petitions, walkouts and resignations, groups that turned down their donations, and what the companies said or
          did in return.
        </p>
        <p>
          <a href="/companies" className="font-medium">
            Browse the companies &rarr;
          </a>
        </p>
      </section>
      {story.length > 0 && (
        <section aria-labelledby="story" className="space-y-3">
          <h2 id="story" className="text-2xl font-semibold">
            Where the record begins
          </h2>
          <p className="max-w-3xl text-stone-700">
            In July 2018 RAICES turned down $250,000 from Salesforce over its contract with U.S. Customs and Border
            Protection; Google had just said it would not renew its Pentagon drone contract after employees protested
            and 12 resigned; Microsoft and Amazon kept their contracts with ICE.
          </p>
          <ul className="grid gap-3 sm:grid-cols-2">
            {story.map((company) => (
              <li key={company.slug} className="rounded border border-stone-300 bg-white p-4">
                <a href={`/companies/${company.slug}`} className="text-lg font-semibold">
                  {company.name}
                </a>
                <p className="text-sm text-stone-700">
                  {company.contractCount} {company.contractCount === 1 ? 'contract' : 'contracts'} ·{' '}
                  {company.actionCount} employee {company.actionCount === 1 ? 'action' : 'actions'},{' '}
                  {company.actionsOnContracts === 0
                    ? 'none tied to a contract'
                    : `${company.actionsOnContracts} tied to its contracts`}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="compare" className="space-y-2">
        <h2 id="compare" className="text-2xl font-semibold">
          Compare companies
        </h2>
        <ul className="list-disc pl-6">
          {READY_COMPARISONS.map((ready) => (
            <li key={ready.slugs.join(',')}>
              <a href={`/compare?companies=${ready.slugs.join(',')}`}>{ready.title}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="latest">
        <h2 id="latest" className="mb-2 text-2xl font-semibold">
          Latest incidents
        </h2>
        {reach && (
          <p className="mb-3 max-w-3xl text-sm text-stone-700">
            The employee actions from the Collective Action in Tech data set run to{' '}
            <PreciseDate date={reach.date} precision={reach.precision} />, its latest entry; what happened since is here
            only where editors have added it.
          </p>
        )}
        <IncidentList
          entries={latest.entries}
          empty={
            <p>Nothing has been published yet. Editors&rsquo; records appear here once a reviewer publishes them.</p>
          }
        />
        <p className="mt-3">
          <a href="/incidents">All incidents, with filters &rarr;</a>
        </p>
      </section>
    </div>
  );
}
