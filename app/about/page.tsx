import type { Metadata } from 'next';
import { contactEmail, listShareMetadata } from '@/lib/site';

const description = 'What Counterweight records, how every fact is cited, the licence of its data and how to cite it.';
export const metadata: Metadata = { title: 'About', description, ...listShareMetadata('/about', 'About', description) };

// Fully static: no data access and no request-time APIs, so the page is prerendered at build time.
export default function AboutPage() {
  const contact = contactEmail();
  return (
    <article className="max-w-3xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">About Counterweight</h1>
        <p className="text-lg text-stone-700">
          A public, cited record of how companies&rsquo; government contracts meet resistance.
        </p>
      </header>

      <section aria-labelledby="record" className="space-y-3">
        <h2 id="record" className="text-2xl font-semibold">
          What the record is
        </h2>
        <p>
          Counterweight keeps in one place facts that are otherwise scattered across news archives and spreadsheets:
          companies and their government contracts, the employee actions against them (open letters, walkouts, strikes,
          resignations), the groups that turned down or returned their donations, and what the companies said or did in
          answer.
        </p>
        <p>
          Only published records appear on these pages. Every change to a record is kept with who made it, when and why,
          so that a correction never silently erases what was there before.
        </p>
      </section>

      <section aria-labelledby="cited" className="space-y-3">
        <h2 id="cited" className="text-2xl font-semibold">
          Every fact is cited
        </h2>
        <p>
          Each company, contract, employee action, donation response and statement lists the sources it rests on: news
          reports, public filings, the organisations&rsquo; own statements, or data sets. Dates are shown only as
          precisely as the sources give them (a day, a month or a year), and amounts exactly as reported. A fact without
          a source is not published.
        </p>
      </section>

      <section aria-labelledby="corrections" className="space-y-3">
        <h2 id="corrections" className="text-2xl font-semibold">
          Corrections
        </h2>
        <p>
          Editors propose a correction with its sources; a second person, a reviewer, publishes it. Every record has a
          public history, linked from its page, that keeps each version with who changed it, when and why.
        </p>
        {contact ? (
          <p>
            Found a mistake? Write to <a href={`mailto:${contact}`}>{contact}</a> with the address of the page and a
            source for the correct fact; the address is also at the foot of every page.
          </p>
        ) : (
          <p>
            This copy of Counterweight has not named an address for readers&rsquo; corrections. Its editors propose
            corrections from the page of any record (&ldquo;Propose a correction&rdquo;, after signing in).
          </p>
        )}
      </section>

      <section aria-labelledby="licence" className="space-y-3">
        <h2 id="licence" className="text-2xl font-semibold">
          Data and licence
        </h2>
        <p>
          Many of the employee actions come from{' '}
          <a href="https://github.com/collective-action/tech">Collective Action in Tech</a>, a data set of tech
          workers&rsquo; collective actions by Tan and Nedzhvetskaya (2020), which its authors dedicated to the public
          domain. Each imported action cites both its news sources and the data set.
        </p>
        <p>
          Counterweight dedicates its own data (the records, their summaries and figures) to the public domain under{' '}
          <a href="https://creativecommons.org/publicdomain/zero/1.0/">CC0 1.0</a>: no permission is needed to reuse it.
          Quotations inside records remain their authors&rsquo;, and the sources they link to their publishers&rsquo;.
          When you reuse the data, please cite the original sources each record lists, as well as Counterweight. The{' '}
          <a href="/api-docs">open data</a> carries the same terms.
        </p>
      </section>

      <section aria-labelledby="cite" className="space-y-3">
        <h2 id="cite" className="text-2xl font-semibold">
          How to cite
        </h2>
        <p>Cite the page of the record you use, its address and the date you read it:</p>
        <blockquote className="border-l-4 border-stone-300 pl-4 text-stone-700">
          Counterweight. &ldquo;<em>Title of the page</em>.&rdquo; <em>Full address of the page</em>, read on{' '}
          <em>day month year</em>.
        </blockquote>
        <p>
          An incident&rsquo;s page (an employee action, a contract, a donation response, a statement) gives its version
          too, after the title: &ldquo;Version 3, last changed 19 July 2018.&rdquo; Its history keeps that version
          however the record is corrected later.
        </p>
        <p>
          For example, for the profile of Salesforce read on 27 November 2026: Counterweight. &ldquo;Salesforce.&rdquo;
          followed by the address of <a href="/companies/salesforce">its profile</a> on this site, read on 27 November
          2026.
        </p>
        <p>
          Records change as sources are added and corrections made; the date tells readers which state of the record you
          saw. Each record&rsquo;s page ends with its citation written out, with the version it shows, which its public
          history keeps.
        </p>
        <p>
          For the employee actions from the data set, cite it as well: Tan, J. S., and Nedzhvetskaya, N. (2020).{' '}
          <em>Collective Action in Tech</em>. https://github.com/collective-action/tech
        </p>
        <p>
          <a href="/companies">Browse the companies &rarr;</a>
        </p>
      </section>
    </article>
  );
}
