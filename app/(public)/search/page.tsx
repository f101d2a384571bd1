import type { Metadata } from 'next';
import { IncidentList } from '@/components/incidents/incident-list';
import { MAX_INCIDENT_RESULTS, MAX_QUERY_LENGTH, searchRecord } from '@/lib/data/search';
import { searchableWords, unsearchableAdvice } from '@/lib/data/text-match';
import { listAddress } from '@/lib/pagination';
import { onlyExcludes } from '@/lib/text';
import { searchableText, UNREADABLE } from '@/lib/validation/list-filters';
import type { SearchParams } from '@/lib/validation/public-params';
import { ReadAs } from '@/components/ui/read-as';

/**
 * The searches an address asks for, as the search reads words: without invisible format characters
 * (a right-to-left override would turn the page's sentences around them) and control characters,
 * and without blank ones (?q=salesforce&q= is a search for salesforce).
 */
function searchesAsked(raw: string | string[] | undefined): string[] {
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(searchableText).filter((q) => q !== '');
}

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const asked = searchesAsked((await searchParams).q);
  return {
    title: asked.length === 1 ? `Search: ${asked[0]!.slice(0, 60)}` : 'Search',
    robots: { index: false },
  };
}

/** The words searched, in quotation marks unless they are a phrase already in its own (“tech workers”). */
const quoted = (words: string) => (/^["“«„].*["”»“]$/.test(words) ? words : `“${words}”`);

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const asked = searchesAsked((await searchParams).q);
  const q = asked.length === 1 ? asked[0]! : '';
  // ?q=strike&q=walkout: two searches at once, said so.
  const several = asked.length;
  const tooLong = q.length > MAX_QUERY_LENGTH;
  // Bytes of the address that are no UTF-8 (%E9, é in Latin-1), read as U+FFFD (or one pasted): said, not searched.
  const unreadable = q.includes(UNREADABLE);
  const results = q && !tooLong && !unreadable ? await searchRecord(q) : null;
  const found = results
    ? results.companies.length + results.agencies.length + results.organizations.length + results.incidents.length
    : 0;
  // No incident found: for want of words the search can look for ("on", "-"), or of matches.
  const searchable = results && results.incidents.length === 0 ? await searchableWords(q) : true;
  const nothingFound =
    results && found === 0
      ? searchable
        ? `Nothing matches “${q}”. Try another spelling or fewer words.`
        : unsearchableAdvice(q)
      : null;
  // Names found, but no incident with the words ("Google LLC", "RAICES Texas"): said, with where to look.
  const wordOrWords = /\s/.test(q.trim()) ? 'words' : 'word';
  const namesOnly = results && found > 0 && results.incidents.length === 0 && searchable && !results.corrected;

  return (
    <div className="space-y-6">
      <h1 id="search-heading" className="text-3xl font-bold">
        Search the record
      </h1>
      <form
        method="get"
        action="/search"
        role="search"
        aria-labelledby="search-heading"
        className="flex flex-wrap gap-2"
      >
        <label htmlFor="search-q" className="sr-only">
          Search companies, agencies, organizations and incidents
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          // Without the character that could not be read: sent again as it is, it would be refused again.
          defaultValue={q.replaceAll(UNREADABLE, '').slice(0, MAX_QUERY_LENGTH)}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="A company, an agency, a word such as “walkout”"
          className="min-w-0 flex-1 rounded border border-stone-500 bg-white px-3 py-2"
        />
        <button type="submit" className="rounded bg-stone-800 px-4 py-2 text-white hover:bg-stone-700">
          Search
        </button>
      </form>

      {tooLong && (
        <p role="alert" className="text-stone-800">
          {`Searches are limited to ${MAX_QUERY_LENGTH} characters; yours has ${q.length.toLocaleString('en-US')}. Shorten it and try again.`}
        </p>
      )}
      {unreadable && !tooLong && (
        <p role="alert" className="text-stone-800">
          The words hold a character the address could not carry (it was not written as UTF-8): type them again in the
          box.
        </p>
      )}
      {several > 1 && (
        <p role="alert" className="text-stone-800">
          {`The address asks for ${several} searches at once (q is given ${several} times): search for one.`}
        </p>
      )}
      {!q && several <= 1 && (
        <p className="text-stone-700">
          Type a company&rsquo;s name (spelling mistakes are forgiven) or words from what happened.
        </p>
      )}
      {results && (
        <div className="space-y-8" aria-live="polite">
          <p className="text-stone-700">
            {nothingFound ?? `Results for ${quoted(q)}.`}
            {namesOnly &&
              ` No incident has the ${wordOrWords} ${quoted(q)}: the page of each name found lists its incidents.`}
          </p>
          {results.corrected && (
            <p className="text-stone-800">
              No incident has the {wordOrWords} {quoted(q)}; these have{' '}
              <a href={listAddress('/search', { q: results.corrected.words })}>{quoted(results.corrected.words)}</a>,{' '}
              {results.corrected.names.length === 1 &&
              results.corrected.names[0]!.name.toLowerCase() === results.corrected.words.toLowerCase() ? (
                // The words were the name alone: "reading “salesfroce” as Salesforce" would say it twice.
                'the name as written on record'
              ) : (
                <>
                  reading <ReadAs names={results.corrected.names} />
                </>
              )}
              .
            </p>
          )}
          {nothingFound && (
            // Somewhere to go from nothing: the record as lists to browse.
            <p className="text-stone-700">
              Or browse the record: <a href="/companies">every company</a>, <a href="/incidents">every incident</a>,{' '}
              <a href="/agencies">the agencies</a>, <a href="/organizations">the organizations</a>.
            </p>
          )}
          {results.companies.length > 0 && (
            <section aria-labelledby="found-companies">
              <h2 id="found-companies" className="mb-2 text-xl font-semibold">
                Companies
              </h2>
              <ul className="space-y-1">
                {results.companies.map((company) => (
                  <li key={company.slug}>
                    <a href={`/companies/${company.slug}`} className="font-medium">
                      {company.name}
                    </a>
                    {company.matched !== company.name && (
                      <span className="text-stone-700"> (as “{company.matched}”)</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <NamedList id="found-agencies" title="Agencies" base="/agencies" items={results.agencies} />
          <NamedList
            id="found-organizations"
            title="Organizations"
            base="/organizations"
            items={results.organizations}
          />
          {results.incidents.length > 0 && (
            <section aria-labelledby="found-incidents">
              <h2 id="found-incidents" className="mb-2 text-xl font-semibold">
                Incidents
              </h2>
              <p className="mb-2 text-sm text-stone-700">
                {onlyExcludes(q)
                  ? `The ${results.incidents.length === 1 ? 'one incident' : `${results.incidents.length} newest incidents`} without ${
                      results.incidents.length >= MAX_INCIDENT_RESULTS
                        ? 'those words; more may be on record'
                        : 'those words'
                    }. `
                  : results.incidents.length >= MAX_INCIDENT_RESULTS
                    ? `The ${MAX_INCIDENT_RESULTS} most relevant, best match first (search shows ${MAX_INCIDENT_RESULTS} at most). `
                    : results.incidents.length === 1
                      ? 'One incident matches. '
                      : `${results.incidents.length} incidents match, best match first. `}
                <a href={listAddress('/incidents', { q: results.corrected?.words ?? q })}>
                  Every incident {onlyExcludes(q) ? 'without' : 'with'} these words
                </a>
                , newest first, narrowed by company, form, issue or year and downloaded as data, is in the list of
                incidents.
              </p>
              <IncidentList entries={results.incidents} empty={null} />
            </section>
          )}
        </div>
      )}
    </div>
  );
}

function NamedList({
  id,
  title,
  base,
  items,
}: {
  id: string;
  title: string;
  base: string;
  /** `matched`: another name it was found by ("Pentagon"), said beside its name. */
  items: { slug: string; name: string; acronym: string | null; matched?: string | null }[];
}) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-2 text-xl font-semibold">
        {title}
      </h2>
      <ul className="space-y-1">
        {items.map((item) => (
          <li key={item.slug}>
            <a href={`${base}/${item.slug}`}>{item.acronym ? `${item.name} (${item.acronym})` : item.name}</a>
            {item.matched && <span className="text-stone-700"> (as “{item.matched}”)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
