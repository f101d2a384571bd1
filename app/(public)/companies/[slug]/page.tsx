import { readableUrl } from '@/lib/urls';
import type { Metadata } from 'next';
import { feedAlternates, openGraph } from '@/lib/site';
import { CiteRecord } from '@/components/records/cite-record';
import { CorrectionLink, FeedLinks } from '@/components/records/record-parts';
import { notFound, permanentRedirect, redirect } from 'next/navigation';
import { mergedCompanyTarget } from '@/lib/data/admin';
import { companyCalled } from '@/lib/data/companies';
import { cache } from 'react';
import { ActivityChart } from '@/components/charts/activity-chart';
import { CompanyFiguresPanel } from '@/components/companies/company-figures';
import { ContractsTable } from '@/components/companies/contracts-table';
import { IncidentList } from '@/components/incidents/incident-list';
import { Pagination } from '@/components/ui/pagination';
import { PastTheEnd } from '@/components/ui/past-the-end';
import { DownloadLinks } from '@/components/ui/download-links';
import { listAddress } from '@/lib/pagination';
import { EXPORT_OF_KIND, INCIDENT_KINDS } from '@/lib/incident-kinds';
import { SourceList } from '@/components/sources/source-list';
import { cacheLife, cacheTag } from 'next/cache';
import { cacheTags } from '@/lib/cache-tags';
import { cachedCompanyIdentity, cachedCompanyProfile } from '@/lib/public-data';
import { countryName } from '@/lib/labels';
import { namesList } from '@/lib/text';
import { profileParamsSchema, readParamsLeniently, type SearchParams } from '@/lib/validation/public-params';
import { FilterProblems } from '@/components/ui/filter-problems';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };
/**
 * The profile's parameters it can read, and what is wrong with the others, which it goes without
 * (a mistyped year shows the whole timeline, saying so, rather than no page at all).
 */
const readProfileParams = (raw: SearchParams) => readParamsLeniently(profileParamsSchema, raw);
type ProfileQuery = ReturnType<typeof readProfileParams>['data'];

const TIMELINE_PER_PAGE = 30;

const validSlug = (slug: string) => /^[a-z0-9-]{1,100}$/.test(slug);
// Metadata and page ask for the same company: one lookup per request.
const loadCompany = cache((slug: string) => (validSlug(slug) ? cachedCompanyIdentity(slug) : null));
/**
 * Where an address that names no company leads: the survivor of a merge (for good), or the company
 * another of whose names it is (for as long as the name is its). Asked by the page, which redirects,
 * and by its metadata, so that a redirect's body is not titled "not found".
 */
const companyElsewhere = cache(async (slug: string) => {
  if (!validSlug(slug)) return null;
  const merged = await mergedCompanyTarget(slug);
  if (merged) return { slug: merged, merged: true };
  const called = await companyCalled(slug);
  return called ? { slug: called, merged: false } : null;
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  // Metadata must never hold the page up: when the database cannot answer, the page reports it.
  const { slug } = await params;
  // Undefined when the database could not answer: no further lookup to wait for.
  const company = await Promise.resolve(loadCompany(slug)).catch(() => undefined);
  if (company === undefined) return { title: 'Company not found' };
  if (!company)
    return { title: (await companyElsewhere(slug).catch(() => null)) ? 'Redirecting' : 'Company not found' };
  // A later page of the timeline is told apart from the first, as the lists' pages are.
  const { data: query, problems } = readProfileParams(await searchParams);
  const page = query.page;
  // Read with its subsidiaries, it offers their feed with them, and says so where a link to it is shared.
  const rolledUp = query.subsidiaries === '1' && company.subsidiaries.length > 0;
  const name = rolledUp ? `${company.name} and its subsidiaries` : company.name;
  const description = `${name}: government contracts, employee actions, donation responses and statements, each with its sources.`;
  const title = page && page > 1 ? `${name}: timeline page ${page}` : name;
  // A later page of the timeline holds other entries: its own address, as a list's later page is its
  // own; the first, whatever its kind and year, is the profile's.
  const later =
    page && page > 1
      ? listAddress(`/companies/${company.slug}`, {
          subsidiaries: rolledUp ? '1' : undefined,
          kind: query.kind,
          year: query.year,
          page,
        })
      : null;
  return {
    title,
    description,
    // An address with filters it cannot read is not one for search engines, as the lists' are not.
    ...(problems.length > 0 && { robots: { index: false } }),
    alternates: {
      canonical: later ?? `/companies/${company.slug}`,
      types: rolledUp
        ? feedAlternates(
            `/feeds/companies/${company.slug}`,
            `${company.name} and its subsidiaries: new on Counterweight`,
            '?subsidiaries=1',
          )
        : feedAlternates(`/feeds/companies/${company.slug}`, `${company.name}: new on Counterweight`),
    },
    openGraph: openGraph({
      title: `${title} · Counterweight`,
      description,
      type: 'profile',
      url: later ?? `/companies/${company.slug}${rolledUp ? '?subsidiaries=1' : ''}`,
    }),
  };
}

/** What an empty timeline says for its filters: "No contracts in 2017.", "Nothing in 2017.", "No statements." */
function emptyTimeline(kind: string | undefined, year: number | undefined): string {
  const what = kind ? kindLabel(kind) : undefined;
  const none = kind && what ? `No ${what.toLowerCase()}` : 'Nothing';
  // As the lists say it: a contract is dated by its award, which a source may not give.
  const undated = kind === 'contract' || !kind ? ' A contract without an award date on record is under no year.' : '';
  return year ? `${none} in ${year}.${undated}` : `${none} on record.`;
}

/** "Employee actions", "Contracts": the kind as the timeline's menu names it. */
const kindLabel = (kind: string): string => KIND_OPTIONS.find(([value]) => value === kind)?.[1] ?? kind;

const KIND_OPTIONS = [
  ['', 'Everything'],
  ['action', 'Employee actions'],
  ['contract', 'Contracts'],
  ['donation', 'Donation responses'],
  ['statement', 'Statements'],
] as const;

export default async function CompanyPage({ params, searchParams }: Props) {
  const [slug, { data: query, problems }] = await Promise.all([
    params.then((resolved) => resolved.slug),
    searchParams.then(readProfileParams),
  ]);
  if (!validSlug(slug)) notFound();
  let company;
  try {
    company = await loadCompany(slug);
  } catch {
    // The database cannot answer (it is restarting, or away): say so rather than fail the page.
    return <Unavailable />;
  }
  if (!company) {
    // A company merged into another: its old address leads to the survivor, with what it asked
    // (subsidiaries, kind, year), not the page of a timeline that is another one now.
    // Another of a company's names (/companies/aws): its page, for as long as the name is its.
    const elsewhere = await companyElsewhere(slug);
    if (elsewhere) {
      const address = listAddress(`/companies/${elsewhere.slug}`, { ...query, page: undefined });
      if (elsewhere.merged) permanentRedirect(address);
      redirect(address);
    }
    notFound();
  }
  // The citation carries the day it is read, so it is rendered per request and passed through the cached profile.
  // As read: with its subsidiaries' records, or a kind and year, the figures and timeline differ.
  const rolledUp = query.subsidiaries === '1' && company.subsidiaries.length > 0;
  // Handed to the cached profile as a slot, which React receives among other children: it needs a key.
  const citation = (
    <CiteRecord
      key="cite"
      title={rolledUp ? `${company.name}, with its subsidiaries` : company.name}
      path={listAddress(`/companies/${company.slug}`, {
        subsidiaries: rolledUp ? '1' : undefined,
        kind: query.kind,
        year: query.year,
      })}
      history={`/history/company/${company.id}`}
    />
  );
  const shown = listAddress(`/companies/${company.slug}`, {
    subsidiaries: query.subsidiaries,
    kind: query.kind,
    year: query.year,
    page: query.page,
  });
  return (
    <>
      {problems.length > 0 && (
        <FilterProblems problems={problems} subject="the profile">
          Shown without {problems.length === 1 ? 'it' : 'them'} below, at <a href={shown}>{readableUrl(shown)}</a>.
        </FilterProblems>
      )}
      <CompanyProfile slug={slug} query={query} citation={citation} />
    </>
  );
}

/**
 * The rendered profile, cached as a whole for each company and query (not only its data), so a
 * request replays it instead of rendering it again. Refreshed by the company's tag like its data.
 */
async function CompanyProfile({
  slug,
  query,
  citation,
}: {
  slug: string;
  query: ProfileQuery;
  citation: React.ReactNode;
}) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.company(slug), cacheTags.companies);
  const page = query.page ?? 1;
  const profile = await cachedCompanyProfile(slug, {
    includeSubsidiaries: query.subsidiaries === '1',
    kind: query.kind,
    year: query.year,
    page,
    perPage: TIMELINE_PER_PAGE,
  });
  if (!profile) return <p>This company is not on record.</p>;
  if (page > profile.timeline.pages) {
    // Headed by the company's name, leading to the timeline's last and first pages, its kind, year and subsidiaries kept.
    const pageAddress = (target: number) =>
      `${listAddress(`/companies/${slug}`, {
        subsidiaries: query.subsidiaries,
        kind: query.kind,
        year: query.year,
        page: target > 1 ? target : undefined,
      })}#timeline`;
    return (
      <PastTheEnd
        title={profile.company.name}
        page={page}
        pages={profile.timeline.pages}
        href={pageAddress}
        list="timeline"
      />
    );
  }
  const { company, includeSubsidiaries, included, figures, contracts, timeline } = profile;

  const base = `/companies/${company.slug}`;
  const contractsAddress = `/contracts?company=${company.slug}${includeSubsidiaries ? '&subsidiaries=1' : ''}`;
  const href = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    const merged = {
      subsidiaries: includeSubsidiaries ? '1' : undefined,
      kind: query.kind,
      year: query.year,
      ...changes,
    };
    for (const [key, value] of Object.entries(merged))
      if (value !== undefined && value !== '') next.set(key, String(value));
    const search = next.toString();
    return search ? `${base}?${search}` : base;
  };

  return (
    <article className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{company.name}</h1>
        {company.aliases.length > 0 && <p className="text-stone-700">Also known as {company.aliases.join(', ')}</p>}
        {company.description && <p className="max-w-3xl text-lg text-stone-700">{company.description}</p>}
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
          {company.parent && (
            <>
              <dt className="text-stone-600">Parent company</dt>
              <dd>
                <a href={`/companies/${company.parent.slug}`}>{company.parent.name}</a>
              </dd>
            </>
          )}
          {company.subsidiaries.length > 0 && (
            <>
              <dt className="text-stone-600">Subsidiaries</dt>
              <dd>
                {company.subsidiaries.map((subsidiary, index) => (
                  <span key={subsidiary.slug}>
                    {index > 0 && ', '}
                    <a href={`/companies/${subsidiary.slug}`}>{subsidiary.name}</a>
                  </span>
                ))}
              </dd>
            </>
          )}
          {company.sector && (
            <>
              <dt className="text-stone-600">Sector</dt>
              <dd>{company.sector}</dd>
            </>
          )}
          {company.hqCountry && (
            <>
              <dt className="text-stone-600">Headquarters</dt>
              <dd>{countryName(company.hqCountry)}</dd>
            </>
          )}
          {company.ticker && (
            <>
              <dt className="text-stone-600">Ticker</dt>
              <dd>{company.ticker}</dd>
            </>
          )}
          {company.website && (
            <>
              <dt className="text-stone-600">Website</dt>
              <dd className="min-w-0 wrap-anywhere">
                <a href={company.website} rel="noopener noreferrer">
                  {readableUrl(company.website).replace(/^https?:\/\//, '')}
                </a>
              </dd>
            </>
          )}
        </dl>
        {company.subsidiaries.length > 0 && (
          <p className="rounded border border-stone-300 bg-white p-3 text-sm">
            {includeSubsidiaries ? (
              <>
                Every figure below includes the records of {namesList(included)}.{' '}
                <a
                  id="subsidiaries-switch"
                  href={`${href({ subsidiaries: undefined, page: undefined })}#subsidiaries-switch`}
                  className="inline-block py-1 print:hidden"
                >
                  Show {company.name} alone
                </a>
              </>
            ) : (
              <>
                The figures below are {company.name}&rsquo;s own.{' '}
                <a
                  id="subsidiaries-switch"
                  href={`${href({ subsidiaries: '1', page: undefined })}#subsidiaries-switch`}
                  className="inline-block py-1 print:hidden"
                >
                  Include its subsidiaries
                </a>
              </>
            )}
          </p>
        )}
      </header>

      <section aria-labelledby="figures" className="space-y-3">
        <h2 id="figures" className="text-2xl font-semibold">
          At a glance
        </h2>
        <CompanyFiguresPanel figures={figures} contractsAddress={contractsAddress} />
      </section>

      <section aria-labelledby="activity" className="space-y-3">
        <h2 id="activity" className="text-2xl font-semibold">
          Activity over time
        </h2>
        <ActivityChart
          years={figures.years}
          companyName={
            includeSubsidiaries && included.length > 0 ? `${company.name} and its subsidiaries` : company.name
          }
        />
      </section>

      <section aria-labelledby="contracts" className="space-y-3">
        <h2 id="contracts" className="text-2xl font-semibold">
          Government contracts ({figures.contracts.count.toLocaleString('en-US')})
        </h2>
        <ContractsTable contracts={contracts} companyName={company.name} showCompany={includeSubsidiaries} />
        {figures.contracts.count > contracts.length && (
          <p>
            The {contracts.length} most recent are shown.{' '}
            <a href={contractsAddress}>
              All {figures.contracts.count.toLocaleString('en-US')} contracts of {company.name}
              {includeSubsidiaries && ' and its subsidiaries'}
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="timeline" className="space-y-3">
        <h2 id="timeline" tabIndex={-1} className="text-2xl font-semibold focus:outline-none">
          Timeline
        </h2>
        {/* Sent, the page opens at the timeline again, not at its top. */}
        <form method="get" action={`${base}#timeline`} className="flex flex-wrap items-end gap-3 text-sm print:hidden">
          {includeSubsidiaries && <input type="hidden" name="subsidiaries" value="1" />}
          <label className="flex flex-col gap-1">
            <span className="text-stone-700">Kind</span>
            <select
              name="kind"
              defaultValue={query.kind ?? ''}
              className="rounded border border-stone-500 bg-white px-2 py-1"
            >
              {KIND_OPTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-stone-700">Year</span>
            <select
              name="year"
              defaultValue={query.year ?? ''}
              className="rounded border border-stone-500 bg-white px-2 py-1"
            >
              <option value="">All years</option>
              {/* A year asked for in the address with nothing in it is shown as chosen, not as "All years". */}
              {[...new Set([...timeline.years, ...(query.year !== undefined ? [Number(query.year)] : [])])]
                .sort((a, b) => b - a)
                .map((year) => (
                  <option key={year} value={year}>
                    {year}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" className="rounded bg-stone-800 px-3 py-1.5 text-white hover:bg-stone-700">
            Show
          </button>
          {(query.kind || query.year) && (
            <a href={`${href({ kind: undefined, year: undefined, page: undefined })}#timeline`}>Clear filters</a>
          )}
        </form>
        {/* An empty timeline says what it lacks, and how to widen it, in place of the list. */}
        {timeline.total > 0 && (
          <p className="text-sm text-stone-700" aria-live="polite">
            {timeline.total === 1 ? '1 entry' : `${timeline.total} entries`}, newest first.
          </p>
        )}
        {timeline.total > 0 && query.year && (!query.kind || query.kind === 'contract') && (
          <p className="text-sm text-stone-700">
            A year narrows contracts by their award year; the timeline also shows a contract whose status changed that
            year.
          </p>
        )}
        {timeline.total > 0 && (
          <DownloadLinks
            statusChangesListed
            exports={(query.kind ? [query.kind] : INCIDENT_KINDS).map((kind) => ({
              kind: EXPORT_OF_KIND[kind],
              // With its subsidiaries, as the timeline shows them (a record of two of them once).
              filters: {
                company: company.slug,
                subsidiaries: includeSubsidiaries ? '1' : undefined,
                from: query.year,
                to: query.year,
              },
            }))}
          />
        )}
        <IncidentList
          entries={timeline.entries}
          showSources
          empty={
            query.kind && query.year ? (
              // Either filter alone may find something: both ways to widen are offered.
              <p aria-live="polite">
                {emptyTimeline(query.kind, query.year)} Show{' '}
                <a href={`${href({ year: undefined, page: undefined })}#timeline`}>
                  {`${kindLabel(query.kind).toLowerCase()} of every year`}
                </a>{' '}
                or{' '}
                <a href={`${href({ kind: undefined, page: undefined })}#timeline`}>{`everything in ${query.year}`}</a>.
              </p>
            ) : query.kind || query.year ? (
              <p aria-live="polite">
                {emptyTimeline(query.kind, query.year)}{' '}
                <a href={`${href({ kind: undefined, year: undefined, page: undefined })}#timeline`}>Show everything</a>
              </p>
            ) : (
              <p>Nothing about {company.name} has been published yet.</p>
            )
          }
        />
        <Pagination
          page={page}
          pages={timeline.pages}
          href={(target) => `${href({ page: target > 1 ? target : undefined })}#timeline`}
          label="Timeline pages"
        />
      </section>

      <section aria-labelledby="company-sources" className="space-y-2">
        <h2 id="company-sources" className="text-xl font-semibold">
          Sources for this profile
        </h2>
        <SourceList sources={company.sources} />
        <p className="flex flex-wrap gap-4 text-sm print:hidden">
          <a href={`/history/company/${company.id}`}>History of this profile</a>
          <CorrectionLink href={`/editor/companies/${company.slug}`} />
          <FeedLinks
            feed={`/feeds/companies/${company.slug}${query.subsidiaries === '1' && company.subsidiaries.length > 0 ? '?subsidiaries=1' : ''}`}
          />
        </p>
      </section>
      {citation}
    </article>
  );
}

function Unavailable() {
  return (
    // data-no-page-cache: the whole-page cache (lib/response-cache.ts) never keeps this answer.
    <div className="space-y-3" role="alert" data-no-page-cache="">
      <h1 className="text-3xl font-bold">This page cannot be shown right now</h1>
      <p className="text-stone-700">The record&rsquo;s database is not answering. Please try again in a minute.</p>
    </div>
  );
}
