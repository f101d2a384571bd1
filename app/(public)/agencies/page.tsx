import type { Metadata } from 'next';
import { ResultsSummary } from '@/components/ui/results-summary';
import { cachedAgencyList } from '@/lib/public-data';
import { MoneyTotals } from '@/components/agencies/money-totals';
import { DownloadLinks } from '@/components/ui/download-links';
import { SortLinks } from '@/components/agencies/sort-links';
import { Pagination } from '@/components/ui/pagination';
import { type AgencySort } from '@/lib/data/agencies';
import { AGENCY_LEVEL_LABEL } from '@/lib/labels';
import { agencyListParamsSchema, readSortedList, type SearchParams } from '@/lib/validation/public-params';
import { ListAddressProblems } from '@/components/ui/list-address-problems';
import { PastTheEnd } from '@/components/ui/past-the-end';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { sortedListAddress } from '@/lib/pagination';
import { sortedListMetadata } from '@/lib/site';

const SORT_OPTIONS: readonly (readonly [AgencySort, string])[] = [
  ['name', 'Name, A to Z'],
  ['contracts', 'Most contracts'],
  ['value', 'Largest obligated value (US dollars)'],
];
const SORT_SUMMARY: Record<AgencySort, string> = {
  name: 'A to Z',
  contracts: 'most contracts first',
  value: 'largest obligated value in US dollars first',
};

const listParams = (raw: SearchParams) => readSortedList(agencyListParamsSchema, raw, 'name');

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  return sortedListMetadata(listParams(await searchParams), {
    what: 'Agencies',
    path: '/agencies',
    usual: 'name',
    summary: SORT_SUMMARY,
    description:
      'Every government agency on record, with the number of its published contracts and the amounts obligated under them.',
  });
}

const agenciesHref = (sort: AgencySort, page?: number) => sortedListAddress('/agencies', sort, 'name', page);

export default async function AgenciesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const read = listParams(await searchParams);
  if (!read.ok) {
    return <ListAddressProblems title="Agencies" problems={read.problems} href="/agencies" every="every agency" />;
  }
  const { page, sort } = read.data;
  const { agencies, total, pages } = await cachedAgencyList({ page, sort });

  const href = (target: { sort?: AgencySort; page?: number }) => agenciesHref(target.sort ?? sort, target.page);
  if (page > pages)
    return <PastTheEnd title="Agencies" page={page} pages={pages} href={(target) => href({ page: target })} />;
  // Sorted by value, those without one in US dollars come last, A to Z: when the page's first has
  // none, the page is in name order, and on the first page no agency has one.
  const noValueHere = sort === 'value' && !agencies[0]?.obligated.some((total) => total.currency === 'USD');
  const order = !noValueHere
    ? SORT_SUMMARY[sort]
    : page === 1
      ? 'A to Z, as none has an obligated value in US dollars on record'
      : `${SORT_SUMMARY.value}; on this page, those without one, A to Z`;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Agencies</h1>
      <p className="max-w-3xl text-stone-700">
        The government agencies that award the contracts on record. A contract counts for the agency that awarded it and
        for its awarding sub-agency. Amounts in different currencies are shown apart, never added together.
      </p>
      {total > 0 && (
        <SortLinks options={SORT_OPTIONS} current={sort} href={(value) => `${href({ sort: value })}#results`} />
      )}
      <ResultsSummary>
        {total === 0
          ? 'No agency has been published yet.'
          : `${total === 1 ? '1 agency' : `${total} agencies`}, ${order}.`}
      </ResultsSummary>
      {total > 0 && (
        <DownloadLinks
          exports={[
            { kind: 'agencies', filters: {} },
            { kind: 'contracts', filters: {} },
          ]}
          figures="The figures here are counted from the contracts file (each contract counts for its agency and its sub-agency)."
        />
      )}
      {agencies.length > 0 && (
        <ScrollRegion label="Agencies">
          <table className="w-full border-collapse text-left sm:min-w-[40rem]">
            <caption className="sr-only">
              Agencies, {order}, page {page} of {pages}
            </caption>
            <thead>
              <tr className="border-b border-stone-300 text-sm text-stone-700">
                <th scope="col" className="py-2 pr-4">
                  Agency
                </th>
                {/* On a phone, said under the agency's name, so that its figures fit beside it. */}
                <th scope="col" className="hidden py-2 pr-4 sm:table-cell">
                  Part of
                </th>
                <th scope="col" className="hidden py-2 pr-4 sm:table-cell">
                  Level
                </th>
                <th scope="col" className="py-2 pr-3 text-right sm:pr-4">
                  Contracts
                </th>
                <th scope="col" className="py-2 text-right">
                  Obligated
                </th>
              </tr>
            </thead>
            <tbody>
              {agencies.map((agency) => (
                <tr key={agency.slug} className="border-b border-stone-200 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium sm:pr-4">
                    <a href={`/agencies/${agency.slug}`}>{agency.name}</a>
                    {agency.acronym && <span className="font-normal text-stone-700"> ({agency.acronym})</span>}
                    <span className="block text-sm font-normal text-stone-700 sm:hidden">
                      {AGENCY_LEVEL_LABEL[agency.level] ?? agency.level}
                      {agency.parent && (
                        <>
                          , part of <a href={`/agencies/${agency.parent.slug}`}>{agency.parent.name}</a>
                        </>
                      )}
                    </span>
                  </th>
                  <td className="hidden py-2 pr-4 text-stone-700 sm:table-cell">
                    {agency.parent ? <a href={`/agencies/${agency.parent.slug}`}>{agency.parent.name}</a> : '—'}
                  </td>
                  <td className="hidden py-2 pr-4 text-stone-700 sm:table-cell">
                    {AGENCY_LEVEL_LABEL[agency.level] ?? agency.level}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums sm:pr-4">{agency.contractCount}</td>
                  <td className="py-2 text-right tabular-nums">
                    <MoneyTotals
                      totals={agency.obligated}
                      empty={agency.contractCount === 0 ? '—' : 'Not known'}
                      leftOut={agency.contractsWithoutAmount}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination
        page={page}
        pages={pages}
        href={(target) => `${href({ page: target })}#results`}
        label="Agency pages"
      />
    </div>
  );
}
