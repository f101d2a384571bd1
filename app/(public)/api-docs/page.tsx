import type { Metadata } from 'next';
import { connection } from 'next/server';
import { KIND_INFO, KINDS, listParamsSchema, type Kind } from '@/lib/api/kinds';
import { LICENCE } from '@/lib/api/licence';
import { queryParameters } from '@/lib/api/openapi';
import { listShareMetadata, siteUrl } from '@/lib/site';
import { ScrollRegion } from '@/components/ui/scroll-region';

const description =
  'The published record as open data: a read-only JSON API, CSV and JSON exports, Atom and JSON feeds, their licence and how to cite them.';
export const metadata: Metadata = {
  title: 'Open data',
  description,
  ...listShareMetadata('/api-docs', 'Open data', description),
};

const code = 'rounded bg-stone-100 px-1 font-mono text-sm';
// Scrolled by its ScrollRegion, which a keyboard reaches only where it is wider than the screen.
const block = 'w-max min-w-full rounded bg-stone-100 p-3 font-mono text-sm';

const EXAMPLE_LIST = `GET /api/v1/actions?company=salesforce&to=2018&limit=1

{
  "data": [
    {
      "id": "…",
      "title": "Protest outside Salesforce’s new San Francisco headquarters",
      "startDate": "2018-07-01",
      "datePrecision": "MONTH",
      "outcome": "NOT_MET",
      "companies": [{ "slug": "salesforce", "name": "Salesforce" }],
      "sources": [
        { "id": "…", "url": null, "publisher": "BuzzFeed News", "title": "…",
          "publishedAt": "2018-07-19", "publishedPrecision": "DAY", "archiveUrl": null }
      ],
      …
    }
  ],
  "next": "WyJhY3Rpb25zIiwiMjAxOC0wNy0wMSIsI…"
}`;

const EXAMPLE_ERROR = `GET /api/v1/actions?limit=500   →   400

{ "error": { "message": "The query parameters are not valid: limit: a number from 1 to 100.",
             "issues": [{ "path": ["limit"], "message": "a number from 1 to 100" }] } }`;

/** Parameters every list takes, said once (pages, and keeping a copy up to date) rather than with each list. */
const EVERY_LIST = ['limit', 'cursor', 'updatedSince'];

/** Every list's filters, read from the same zod schemas the API validates with. */
function Filters({ kind }: { kind: Kind }) {
  const filters = queryParameters(listParamsSchema(kind)).filter(
    (parameter) => !EVERY_LIST.includes(String(parameter.name)),
  );
  if (filters.length === 0) return <p className="text-stone-700">Filters: none.</p>;
  return (
    <>
      <p className="text-stone-700">Filters:</p>
      <ul className="space-y-1">
        {filters.map((parameter) => {
          // The values a parameter takes, when they are a list (outcome, status, has): the schema's own.
          const schema = parameter.schema as { enum?: unknown[] } | undefined;
          const values = Array.isArray(schema?.enum) ? schema.enum.map(String) : [];
          return (
            <li key={String(parameter.name)}>
              <code className={code}>{String(parameter.name)}</code>: {String(parameter.description ?? '')}
              {values.length > 0 && (
                <>
                  {' '}
                  One of{' '}
                  {values.map((value, index) => (
                    <span key={value}>
                      {index > 0 && (index === values.length - 1 ? ' or ' : ', ')}
                      <code className={code}>{value}</code>
                    </span>
                  ))}
                  .
                </>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

// Built from the schemas, with no data access; only the site's address is read when asked.
export default async function ApiDocsPage() {
  // The address the server runs at, as the OpenAPI document names it: the request's, not the build's.
  await connection();
  const site = siteUrl();
  return (
    <article className="max-w-4xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">Open data</h1>
        <p className="text-lg text-stone-700">
          Everything published on Counterweight, as data: a read-only JSON API, exports of every list, and feeds of what
          is newly published. No key, no sign-in.
        </p>
      </header>

      <section aria-labelledby="licence" className="space-y-3">
        <h2 id="licence" className="text-2xl font-semibold">
          Licence and how to cite
        </h2>
        {/* Long addresses in these texts break anywhere rather than widen the page on a phone. */}
        <p className="[overflow-wrap:anywhere]">{LICENCE.summary}</p>
        <p className="[overflow-wrap:anywhere]">
          Cite: <q>{LICENCE.howToCite}</q>
        </p>
        <p>
          The data set: {LICENCE.dataSet.citation} ({LICENCE.dataSet.licence}).
        </p>
      </section>

      <section aria-labelledby="api" className="space-y-3">
        <h2 id="api" className="text-2xl font-semibold">
          The JSON API
        </h2>
        <p>
          The machine-readable description of every endpoint, parameter and record is the OpenAPI 3.1 document at{' '}
          <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Every record lists the sources it cites (url,
          publisher, title, publication date and archive copy). Dates are the first day of the period they name, with
          their precision (<code className={code}>DAY</code>, <code className={code}>MONTH</code> or{' '}
          <code className={code}>YEAR</code>); a date not on record is <code className={code}>null</code>, and so is its
          precision; amounts are exact decimal strings with their currency.
        </p>
        {/* A list rather than a table: the filters' descriptions are prose, which a table's third column
            left off a phone's screen beside rows of blank height; here they follow their addresses. */}
        <h3 className="text-xl font-semibold">Endpoints and their filters</h3>
        <dl className="divide-y divide-stone-200 border-y border-stone-300">
          {KINDS.map((kind) => (
            <div key={kind} className="py-3 sm:grid sm:grid-cols-[11rem_1fr] sm:gap-x-4">
              <dt className="font-medium">{KIND_INFO[kind].title}</dt>
              <dd className="mt-1 space-y-2 sm:mt-0">
                <p className="font-mono text-sm [overflow-wrap:anywhere]">
                  <a href={`/api/v1/${kind}`}>/api/v1/{kind}</a>
                  <span className="font-sans text-stone-700"> (the list), </span>
                  /api/v1/{kind}/&lt;{KIND_INFO[kind].key === 'slug' ? 'slug or id' : 'id'}&gt;
                  <span className="font-sans text-stone-700"> (one record)</span>
                </p>
                <div className="text-sm">
                  <Filters kind={kind} />
                </div>
              </dd>
            </div>
          ))}
        </dl>
        <p>
          The values the <code className={code}>form</code>, <code className={code}>issue</code>,{' '}
          <code className={code}>tag</code> and <code className={code}>employmentType</code> filters take, with how many
          published actions carry each, are listed at{' '}
          <a href="/api/v1/vocabulary" className="font-mono text-sm">
            /api/v1/vocabulary
          </a>
          . A filter naming a company, an organization, a form, an issue, a tag or an employment type that was merged
          into another follows it there, and one naming a term by another of its spellings finds it. Values are read in
          any case, as the site&rsquo;s lists read them: <code className={code}>outcome=partly-met</code> is{' '}
          <code className={code}>PARTLY_MET</code> and <code className={code}>tag=ICE</code> is{' '}
          <code className={code}>ice</code>.
        </p>
        <h3 className="text-xl font-semibold">Pages</h3>
        <p>
          Lists come in pages: <code className={code}>limit</code> sets their size (1 to 100, 50 by default), and each
          page ends with <code className={code}>next</code>, a cursor to pass as <code className={code}>cursor</code>{' '}
          for the following page with the same filters (with others it is refused: start again without it), or{' '}
          <code className={code}>null</code> on the last one. Dated records come newest first (undated last), companies,
          agencies and organizations A to Z by slug. The order is stable: walking every page gives every record once.
        </p>
        <p>
          Addresses here are this site&rsquo;s own: to use one from a terminal, put the site&rsquo;s address in front (
          <code className={`${code} [overflow-wrap:anywhere]`}>curl &quot;{site}/api/v1/actions?limit=1&quot;</code>).
        </p>
        <ScrollRegion label="An example list">
          <pre className={block}>{EXAMPLE_LIST}</pre>
        </ScrollRegion>
        <h3 className="text-xl font-semibold">Caching, CORS and errors</h3>
        <p>
          The API&rsquo;s answers and the feeds carry an <code className={code}>ETag</code>; send it back as{' '}
          <code className={code}>If-None-Match</code> and an unchanged answer is a bodiless 304 (the exports, streamed
          as the database reads them, carry none). All may be cached for a minute (
          <code className={code}>Cache-Control: public, max-age=60</code>) and read from any web page (
          <code className={code}>Access-Control-Allow-Origin: *</code>). A malformed or unknown parameter, even given
          empty (a single record, the vocabulary and the feeds take none, but a company&rsquo;s feed its{' '}
          <code className={code}>subsidiaries</code>), <code className={code}>subsidiaries</code> without{' '}
          <code className={code}>company</code>, a filter naming no company, agency, form, issue or tag on record, or
          words with nothing to look for (<code className={code}>q=the</code>: common words and signs alone), answers
          400; an unknown record 404; an incident a reviewer archived 410, with{' '}
          <code className={code}>error.archived</code> saying when, why and where its history is (nothing is deleted);
          all as JSON:
        </p>
        <ScrollRegion label="An example error">
          <pre className={block}>{EXAMPLE_ERROR}</pre>
        </ScrollRegion>
        <h3 className="text-xl font-semibold">Keeping a copy up to date</h3>
        <p>
          Every list takes <code className={code}>updatedSince</code>, a date or a date-time with its offset (
          <code className={code}>/api/v1/actions?updatedSince=2026-12-01T09:30:00Z</code>), and then gives only the
          records created or changed at or after it (their <code className={code}>updatedAt</code>), in the list&rsquo;s
          own order and pages, with its other filters if you like. A record counts as changed when a name it shows
          changes too: its company renamed, its form merged into another. A company&rsquo;s{' '}
          <code className={code}>counts</code> are drawn from the other lists as they are now and do not move its{' '}
          <code className={code}>updatedAt</code>: in a copy, count them from those lists. Ask with the time of your
          last visit, a few minutes earlier to allow for caching (reading a record twice does no harm), and replace
          those records in your copy; the feeds hold only the latest 50 changes and can be outrun by a rename. A company
          or organization merged into another leaves the lists: the one it was merged into counts as changed, and its
          own address (<code className={code}>/api/v1/companies/&lt;old slug&gt;</code>) answers with{' '}
          <code className={code}>mergedInto</code>; drop it from your copy.
        </p>
        <p>
          An archived record simply leaves the lists, the exports and the feeds, so a copy kept by walking the lists or
          following the feeds cannot tell it went. The incidents archived now are listed at{' '}
          <a href="/api/v1/archived" className="font-mono text-sm">
            /api/v1/archived
          </a>
          , most recently archived first, each with its list (<code className={code}>kind</code>), its{' '}
          <code className={code}>id</code>, when and why it was archived, its address (which answers 410) and its
          history. Pages work as on the other lists; <code className={code}>since</code>, a date or a date-time with its
          offset (<code className={code}>since=2026-12-01T09:30:00Z</code>), gives only those archived at or after it:
          ask with the time of your last visit, a few minutes earlier to allow for caching (dropping a record twice does
          no harm), and drop those records from your copy. One brought back is live again: it leaves this list and is in
          the other lists again.
        </p>
      </section>

      <section aria-labelledby="exports" className="space-y-3">
        <h2 id="exports" className="text-2xl font-semibold">
          Exports
        </h2>
        <p>
          Every list as one file, with the same filters as the API&rsquo;s lists (a file holds the whole list, so not{' '}
          <code className={code}>updatedSince</code>, <code className={code}>limit</code> or{' '}
          <code className={code}>cursor</code>): <code className={code}>/exports/&lt;list&gt;.csv</code> and{' '}
          <code className={code}>/exports/&lt;list&gt;.json</code>, for example{' '}
          <a href="/exports/actions.csv?company=salesforce">/exports/actions.csv?company=salesforce</a>. They are
          streamed from the database as they are written. In the CSV, nested fields are flattened with dots (
          <code className={code}>company.slug</code>), a list is one item per line in its cell (a line break inside an
          item is written as a space, so the n-th line of each of a list&rsquo;s columns is its n-th item), and a cell
          that would start with = + - @, a tab or a carriage return starts with an apostrophe so that spreadsheets do
          not run it (a program reading the file sees the apostrophe too; the JSON exports hold the text as it is). The
          text is UTF-8 without a byte-order mark, as data tools expect; a spreadsheet that guesses another encoding on
          opening shows accents wrongly: import the file as UTF-8 instead (in Excel, Data &gt; From Text/CSV). A
          filtered file is named after its filters.
        </p>
        <p>
          The whole published record, with its licence and how to cite it, in one JSON file:{' '}
          <a href="/exports/record.json">/exports/record.json</a>. Its last part, <code className={code}>merged</code>,
          lists the companies and organizations merged into another, which the lists leave out, each with the one it
          lives on under: an address name kept from before a merge leads there (
          <code className={code}>/api/v1/companies/&lt;old slug&gt;</code> answers with{' '}
          <code className={code}>mergedInto</code> too).
        </p>
        <p>
          A comparison of companies, as <a href="/compare">/compare</a> shows it, as a CSV file:{' '}
          <a href="/compare/csv?companies=salesforce,google">/compare/csv?companies=salesforce,google</a> (the same
          parameters as the page: <code className={code}>subsidiaries=1</code>, <code className={code}>per=year</code>
          ). One row per measure and company: <code className={code}>group</code> and{' '}
          <code className={code}>measure</code> name it, <code className={code}>value</code> is its number (or a year),{' '}
          <code className={code}>base</code> is, for a share, the count it is a share of (the actions whose outcome is
          known, for the share whose demands were met), <code className={code}>shown</code> is the value as the page
          writes it, and <code className={code}>subsidiaries_included</code> says whether subsidiaries&rsquo; records
          count. The rows of the group <code className={code}>Over time</code> follow, the figures of the page&rsquo;s
          charts: employee actions begun and the obligated value of contracts awarded, in US dollars, in each{' '}
          <code className={code}>year</code> from the first to the last any of the companies has (0 actions in a year a
          company has none; an empty value, shown as &ldquo;&mdash;&rdquo;, in a year with no award of a known value,
          since a contract&rsquo;s value or date may not be on record), with the <code className={code}>year</code> in
          the last but one column, empty on the other rows. The last, <code className={code}>unit</code>, says what{' '}
          <code className={code}>value</code> is counted in: <code className={code}>count</code>,{' '}
          <code className={code}>count per year</code>, <code className={code}>USD</code>,{' '}
          <code className={code}>USD per year</code>, <code className={code}>share</code> (from 0 to 1) or{' '}
          <code className={code}>year</code>; a sum of money in several currencies is a row per currency, its code (
          <code className={code}>USD</code>, <code className={code}>EUR</code>) as the unit, US dollars first. What the
          page would show with a message (a company not on record, more than four) is refused with a 400 and the reason,
          as JSON, like the other exports&rsquo; errors.
        </p>
      </section>

      <section aria-labelledby="feeds" className="space-y-3">
        <h2 id="feeds" className="text-2xl font-semibold">
          Feeds
        </h2>
        <p>The 50 latest published or changed records, as Atom or JSON Feed 1.1:</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            everything: <a href="/feeds/all.atom">/feeds/all.atom</a>, <a href="/feeds/all.json">/feeds/all.json</a>;
          </li>
          <li>
            one company&rsquo;s incidents:{' '}
            <a href="/feeds/companies/salesforce.atom">/feeds/companies/salesforce.atom</a>;
          </li>
          <li>
            those touching one agency&rsquo;s contracts: <a href="/feeds/agencies/dhs.atom">/feeds/agencies/dhs.atom</a>
            .
          </li>
        </ul>
        <p>
          The feed of a company merged into another answers with a permanent redirect (308) to the feed of the one it
          was merged into, which feed readers follow: its records are there now.
        </p>
        <p>
          An entry&rsquo;s dates are those of the record here: when it was published and last changed, not when the
          event happened. An entry of an action, a contract, a donation response or a statement begins its summary with
          when it happened (&ldquo;25 June 2018: &hellip;&rdquo;, &ldquo;Awarded in 2019: &hellip;&rdquo;), as precisely
          as it is known, and the JSON Feed gives it as data in <code className={code}>_counterweight.date</code> and{' '}
          <code className={code}>_counterweight.date_precision</code>.
        </p>
      </section>
    </article>
  );
}
