import type { Metadata } from 'next';
import { ResultsSummary } from '@/components/ui/results-summary';
import { Pagination } from '@/components/ui/pagination';
import type { CompanyListOptions } from '@/lib/data/companies';
import { cachedCompanyList } from '@/lib/public-data';
import { companyListParamsSchema, readParams, type SearchParams } from '@/lib/validation/public-params';
import { ListAddressProblems } from '@/components/ui/list-address-problems';
import { DownloadLinks } from '@/components/ui/download-links';
import { PastTheEnd } from '@/components/ui/past-the-end';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { listTitle } from '@/lib/list-titles';
import { listAddress } from '@/lib/pagination';
import { listShareMetadata } from '@/lib/site';

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const read = readParams(companyListParamsSchema, await searchParams);
  // A malformed address says what is wrong with it, under the plain title, not worth indexing.
  if (!read.ok) return { title: 'Companies', description: DESCRIPTION, robots: { index: false } };
  const query = read.data;
  const title = listTitle(
    query.has ? `Companies ${HAS_LABEL[query.has]}` : 'Companies',
    [query.sort && query.sort !== 'name' && SORT_SUMMARY[query.sort]],
    query.page,
  );
  return { title, description: DESCRIPTION, ...listShareMetadata(companiesHref(query), title, DESCRIPTION) };
}

const DESCRIPTION = 'Every company on record, with its government contracts and the employee actions against it.';

type CompanyListQuery = Pick<CompanyListOptions, 'sort' | 'has' | 'page'>;

/** /companies in this order, of these companies, at this page (name order and page 1 left out). */
const companiesHref = ({ sort, has, page }: CompanyListQuery) =>
  listAddress('/companies', {
    sort: sort === 'name' ? undefined : sort,
    has,
    page: page !== undefined && page > 1 ? page : undefined,
  });

const SORT_LABEL: Record<NonNullable<CompanyListOptions['sort']>, string> = {
  name: 'Name, A to Z',
  actions: 'Most employee actions',
  contracts: 'Most contracts',
  recent: 'Most recent action',
};
/** The order as the count under the menu says it: "170 companies, by name from A to Z." */
const SORT_SUMMARY: Record<NonNullable<CompanyListOptions['sort']>, string> = {
  name: 'by name from A to Z',
  actions: 'most employee actions first',
  contracts: 'most contracts first',
  recent: 'most recent action first',
};
const HAS_LABEL: Record<NonNullable<CompanyListOptions['has']>, string> = {
  contracts: 'with government contracts',
  actions: 'with employee actions',
  donations: 'with donation responses',
};

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const read = readParams(companyListParamsSchema, await searchParams);
  if (!read.ok) {
    return <ListAddressProblems title="Companies" problems={read.problems} href="/companies" every="every company" />;
  }
  const query = read.data;
  const page = query.page ?? 1;
  const { companies, total, pages } = await cachedCompanyList({ page, sort: query.sort, has: query.has });

  // The column the list is in the order of, for screen readers (names A to Z; the rest most first).
  const sortedBy = (sort: keyof typeof SORT_LABEL) =>
    (query.sort ?? 'name') === sort ? (sort === 'name' ? 'ascending' : 'descending') : undefined;

  const href = (changes: Partial<CompanyListQuery>) => companiesHref({ sort: query.sort, has: query.has, ...changes });
  if (page > pages)
    return <PastTheEnd title="Companies" page={page} pages={pages} href={(target) => href({ page: target })} />;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Companies</h1>
      <form method="get" action="/companies#results" className="flex flex-wrap items-end gap-3 text-sm">
        {/* Each menu no wider than the screen: "Companies with government contracts" is wider than a 320-pixel phone's. */}
        <label className="flex max-w-full min-w-0 flex-col gap-1">
          <span className="text-stone-700">Which companies</span>
          <select
            name="has"
            defaultValue={query.has ?? ''}
            className="w-full min-w-0 rounded border border-stone-500 bg-white px-2 py-1"
          >
            <option value="">All companies</option>
            {Object.entries(HAS_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                Companies {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex max-w-full min-w-0 flex-col gap-1">
          <span className="text-stone-700">Sort by</span>
          <select
            name="sort"
            defaultValue={query.sort ?? 'name'}
            className="w-full min-w-0 rounded border border-stone-500 bg-white px-2 py-1"
          >
            {Object.entries(SORT_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-stone-800 px-3 py-1.5 text-white hover:bg-stone-700">
          Apply
        </button>
      </form>
      <ResultsSummary>
        {total === 0
          ? query.has
            ? `No company ${HAS_LABEL[query.has]} is on record yet.`
            : 'No company has been published yet.'
          : `${total.toLocaleString('en-US')} ${total === 1 ? 'company' : 'companies'}${query.has ? ` ${HAS_LABEL[query.has]}` : ''}, ${SORT_SUMMARY[query.sort ?? 'name']}.`}
      </ResultsSummary>
      {total > 0 && <DownloadLinks exports={[{ kind: 'companies', filters: { has: query.has } }]} />}
      {companies.length > 0 && (
        <ScrollRegion label="Companies">
          <table className="w-full border-collapse text-left text-sm sm:text-base">
            <caption className="sr-only">
              Companies, page {page} of {pages}
            </caption>
            <thead>
              <tr className="border-b border-stone-300 text-sm text-stone-700">
                <th scope="col" className="py-2 pr-2 sm:pr-4" aria-sort={sortedBy('name')}>
                  Company
                </th>
                {/* Rarely known: left out on a phone, where the counts matter more. */}
                <th scope="col" className="hidden py-2 pr-4 sm:table-cell">
                  Sector
                </th>
                <th scope="col" className="py-2 pr-2 text-right sm:pr-4" aria-sort={sortedBy('actions')}>
                  Employee actions
                </th>
                <th scope="col" className="py-2 pr-2 text-right sm:pr-4" aria-sort={sortedBy('contracts')}>
                  Contracts
                </th>
                <th scope="col" className="py-2" aria-sort={sortedBy('recent')}>
                  Latest action
                </th>
              </tr>
            </thead>
            <tbody>
              {companies.map((company) => (
                <tr key={company.slug} className="border-b border-stone-200">
                  {/* On a phone a long name (Smith-Corona-Marchant) may break anywhere rather than widen the table. */}
                  <th scope="row" className="py-2 pr-2 font-medium wrap-anywhere sm:pr-4 sm:wrap-normal">
                    <a href={`/companies/${company.slug}`}>{company.name}</a>
                  </th>
                  <td className="hidden py-2 pr-4 text-stone-700 sm:table-cell">{company.sector ?? '—'}</td>
                  <td className="py-2 pr-2 text-right tabular-nums sm:pr-4">{company.actionCount}</td>
                  <td className="py-2 pr-2 text-right tabular-nums sm:pr-4">{company.contractCount}</td>
                  <td className="py-2 text-stone-700 sm:whitespace-nowrap">
                    {company.lastAction ? (
                      <time dateTime={company.lastAction.iso}>{company.lastAction.text}</time>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination page={page} pages={pages} href={(target) => `${href({ page: target })}#results`} />
    </div>
  );
}
