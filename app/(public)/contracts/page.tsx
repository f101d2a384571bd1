import { listShareMetadata } from '@/lib/site';
import { ResultsSummary } from '@/components/ui/results-summary';
import type { Metadata } from 'next';
import { cachedContractList, cachedContractAgencies, cachedFilterCompany } from '@/lib/public-data';
import { agencyTitle, contractListTitle, yearsText } from '@/lib/list-titles';
import { findFilterCompany, withChosen } from '@/lib/data/filters';
import { findCompaniesByName } from '@/lib/data/search';
import { ContractFilterForm, CONTRACT_SORT_LABEL } from '@/components/records/contract-filter-form';
import { ContractListTable } from '@/components/records/contract-list-table';
import { DownloadLinks } from '@/components/ui/download-links';
import { Pagination } from '@/components/ui/pagination';
import { CONTRACT_STATUS_LABEL } from '@/lib/labels';
import {
  CONTRACT_FIELDS,
  DEFAULT_CONTRACT_SORT,
  parseContractFilters,
  type ContractFilters,
  type ContractSort,
} from '@/lib/validation/contract-filters';
import type { ContractListRow } from '@/lib/data/contracts';
import type { SearchParams } from '@/lib/validation/public-params';
import { PastTheEnd } from '@/components/ui/past-the-end';
import { FilterProblems } from '@/components/ui/filter-problems';
import { UnreadFilters } from '@/components/ui/unread-filters';
import { API_LIST_PARAMETERS } from '@/lib/api/kinds';
import { searchableWords, unsearchableAdvice } from '@/lib/data/text-match';
import { typedFilterValues, unreadFilters } from '@/lib/validation/list-filters';

type Props = { searchParams: Promise<SearchParams> };

const DESCRIPTION =
  'Every published government contract on record: who holds it, which agency awarded it, its value and status, filtered by agency, company, status, award year and words.';

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const parsed = parseContractFilters(await searchParams);
  // An address with malformed filters shows a message, not a list: not worth indexing.
  if (!parsed.ok) return { title: 'Government contracts', description: DESCRIPTION, robots: { index: false } };
  const { page, ...filters } = parsed.filters;
  const title = await listTitleOf(parsed.filters);
  return { title, description: DESCRIPTION, ...listShareMetadata(contractsHref(filters, page), title, DESCRIPTION) };
}

/**
 * The list's title with the company and agency by the names the page shows, read from the cached
 * company lookup and agency menu (null for a name not on record: the title stays plain).
 */
async function listTitleOf(filters: ContractFilters): Promise<string> {
  const [company, options] = await Promise.all([
    filters.company ? cachedFilterCompany(filters.company) : undefined,
    filters.agency
      ? cachedContractAgencies().then((agencies) => withChosen(agencies, 'agency', filters.agency))
      : undefined,
  ]);
  const sort = filters.sort ?? DEFAULT_CONTRACT_SORT;
  return contractListTitle({
    ...filters,
    company:
      filters.company &&
      (company ? `${company.name}${filters.subsidiaries && company.subsidiaries ? ' and subsidiaries' : ''}` : null),
    agency: filters.agency && agencyTitle(options?.find((agency) => agency.slug === filters.agency)),
    order: sort === DEFAULT_CONTRACT_SORT ? undefined : CONTRACT_SORT_LABEL[sort],
  });
}

type Filters = Omit<ContractFilters, 'page'>;
const FILTER_KEYS = ['agency', 'company', 'subsidiaries', 'status', 'from', 'to', 'q', 'sort'] as const;

/** /contracts with these filters (default order and page 1 left out of the address). */
function contractsHref(filters: Filters, page = 1): string {
  const next = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value === undefined || (key === 'sort' && value === DEFAULT_CONTRACT_SORT)) continue;
    // The switch means nothing without a company.
    if (key === 'subsidiaries' && filters.company === undefined) continue;
    next.set(key, String(value));
  }
  if (page > 1) next.set('page', String(page));
  const search = next.toString();
  return search ? `/contracts?${search}` : '/contracts';
}

const without = (filters: Filters, ...keys: (keyof Filters)[]): Filters => {
  const copy = { ...filters };
  for (const key of keys) delete copy[key];
  return copy;
};

/**
 * The list's order as it really is: contracts without the date (or value) sorted by come last, by
 * title, and a list where none has one is said to be by title, not "newest award first". Values
 * compare within a currency: a page of several says so.
 */
function orderText(sort: ContractSort, contracts: ContractListRow[], page: number): string {
  const byDate = sort === '-date' || sort === 'date';
  const what = byDate ? 'an award date' : 'an obligated value';
  const known = contracts.filter((contract) => (byDate ? contract.awardDate : contract.obligatedAmount) !== null);
  const currencies = byDate ? 1 : new Set(known.map((contract) => contract.currency)).size;
  const order = `${CONTRACT_SORT_LABEL[sort].toLowerCase()}${currencies > 1 ? ' in US dollars, then in each other currency' : ''}`;
  if (known.length === contracts.length) return order;
  // Newest first breaks ties by the latest entered first, as the export and the API do (lib/data/contracts.ts).
  const rest = sort === '-date' ? 'the latest entered first' : 'by title';
  if (known.length === 0 && page === 1) return `${rest}, as none has ${what} on record`;
  return `${order}, then those without ${what} on record, ${rest}`;
}

/**
 * What an empty list advises, for the filters that emptied it (a name not on record is said above
 * it): words the search cannot use are explained; one company or agency with no contract is said so;
 * a year range's rule is recalled; "fewer filters" only when there is more than one.
 */
function emptyAdvice(
  filters: Filters,
  found: {
    company: { name: string; subsidiaries: number } | null | undefined;
    agency: string | undefined;
    chosen: number;
    unsearchable: boolean;
  },
): string {
  if (found.unsearchable) return unsearchableAdvice(filters.q ?? '');
  if (found.chosen === 1 && found.company)
    return `${found.company.name}${filters.subsidiaries && found.company.subsidiaries ? ' and its subsidiaries have' : ' has'} no government contract on record yet.`;
  if (found.chosen === 1 && filters.agency) return `No contract awarded by ${found.agency} is on record yet.`;
  if (found.chosen === 1 && filters.status)
    return `No contract on record has the status “${CONTRACT_STATUS_LABEL[filters.status]}”.`;
  if (filters.from !== undefined || filters.to !== undefined)
    return `Contracts whose award date is not known are left out when a year is set: try a wider range${found.chosen > 1 ? ', or fewer filters' : ', or none'}.`;
  return 'Try fewer filters.';
}

export default async function ContractsPage({ searchParams }: Props) {
  const params = await searchParams;
  const parsed = parseContractFilters(params);
  // The agency filtered by in its menu, though it has no contract to find.
  const agenciesPromise = cachedContractAgencies().then((agencies) =>
    withChosen(agencies, 'agency', parsed.ok ? parsed.filters.agency : undefined),
  );

  if (!parsed.ok) {
    return (
      <div className="space-y-6">
        <h1 className="text-3xl font-bold">Government contracts</h1>
        <FilterProblems problems={parsed.problems} results>
          Correct them below, or <a href="/contracts">see every contract</a>.
        </FilterProblems>
        <ContractFilterForm
          filters={typedFilterValues(params)}
          agencies={await agenciesPromise}
          invalid={parsed.problems.map((problem) => problem.field)}
          active
          results={false}
        />
      </div>
    );
  }

  const { page = 1, ...filters } = parsed.filters;
  if (!filters.company) filters.subsidiaries = undefined;
  const sort = filters.sort ?? DEFAULT_CONTRACT_SORT;
  // The company as typed (a name, another name or its address name), as on /incidents.
  const [named, suggestions] = filters.company
    ? await Promise.all([findFilterCompany(filters.company), findCompaniesByName(filters.company, 3)])
    : [null, []];
  const companySlug = named?.slug ?? filters.company;
  const [agencies, result] = await Promise.all([
    agenciesPromise,
    cachedContractList({ ...filters, company: companySlug, sort, page }),
  ]);
  if (page > result.pages)
    return (
      <PastTheEnd
        title="Government contracts"
        page={page}
        pages={result.pages}
        href={(target) => contractsHref(filters, target)}
      />
    );

  const agencyName = agencyTitle(result.agency) ?? filters.agency;
  const years = yearsText(filters.from, filters.to);
  const chips: { key: string; label: string; remove: Filters }[] = [
    ...(filters.agency ? [{ key: 'agency', label: `Agency: ${agencyName}`, remove: without(filters, 'agency') }] : []),
    ...(filters.company
      ? [
          {
            key: 'company',
            label: `Company: ${result.company?.name ?? filters.company}${filters.subsidiaries && result.company?.subsidiaries ? ' and its subsidiaries' : ''}`,
            remove: without(filters, 'company', 'subsidiaries'),
          },
        ]
      : []),
    ...(filters.status
      ? [
          {
            key: 'status',
            label: `Status: ${CONTRACT_STATUS_LABEL[filters.status]}`,
            remove: without(filters, 'status'),
          },
        ]
      : []),
    ...(years
      ? [
          {
            key: 'years',
            label: `Awarded ${filters.from === filters.to ? 'in ' : ''}${years}`,
            remove: without(filters, 'from', 'to'),
          },
        ]
      : []),
    ...(filters.q ? [{ key: 'q', label: `Words: “${filters.q}”`, remove: without(filters, 'q') }] : []),
  ];
  const active = chips.length > 0;
  // How many filters narrow the list (the order narrows nothing; the years count as one).
  const chosen = chips.length;
  // Words that are all common words or signs match nothing: the list says why.
  const unsearchable = Boolean(filters.q) && result.total === 0 && !(await searchableWords(filters.q!));
  const unknown = result.unknown.map((field) =>
    field === 'agency' ? `no published agency “${filters.agency}”` : `no published company “${filters.company}”`,
  );

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">Government contracts</h1>
        <p className="max-w-3xl text-stone-700">
          The government contracts on record, each with its sources, the employee actions against it, donation responses
          citing it and what the company said. A contract counts for the agency that awarded it and for its awarding
          sub-agency.
        </p>
      </header>

      <ContractFilterForm filters={filters} agencies={agencies} active={active} />

      {active && (
        <div className="text-sm">
          <h2 className="sr-only">Active filters</h2>
          <ul className="flex flex-wrap gap-2" aria-label="Active filters">
            {chips.map((chip) => (
              <li
                key={chip.key}
                className="max-w-full rounded-full border border-stone-400 bg-white px-3 py-1 wrap-anywhere"
              >
                {chip.label}{' '}
                <a href={`${contractsHref(chip.remove)}#results`} aria-label={`Remove filter ${chip.label}`}>
                  remove
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <UnreadFilters
        unread={unreadFilters(params, CONTRACT_FIELDS, API_LIST_PARAMETERS, parsed.filters)}
        records="contracts"
      />
      <ResultsSummary>
        {unknown.length > 0
          ? `There is ${unknown.join(' and ')} on record. Check the spelling, or remove that filter.`
          : result.total === 0
            ? // Said once, with what to do, under the list.
              `No contract matches ${chosen === 1 ? 'this filter' : 'these filters'}.`
            : `${result.total === 1 ? '1 contract' : `${result.total.toLocaleString('en-US')} contracts`}${
                active
                  ? `${result.total === 1 ? ' matches' : ' match'} ${chosen === 1 ? 'this filter' : 'these filters'}`
                  : ''
              }, ${orderText(sort, result.contracts, page)}.`}
        {active &&
          unknown.length === 0 &&
          result.total > 0 &&
          ' The address of this page keeps the filters: share it to share this list.'}
      </ResultsSummary>
      {result.unknown.includes('company') && suggestions.length > 0 && (
        <p>
          Did you mean{' '}
          {suggestions.map((company, index) => (
            <span key={company.slug}>
              {index > 0 && ', '}
              <a href={`${contractsHref({ ...filters, company: company.name })}#results`}>{company.name}</a>
            </span>
          ))}
          ?
        </p>
      )}
      {unknown.length === 0 && result.total > 0 && (
        <DownloadLinks
          exports={[
            {
              kind: 'contracts',
              filters: {
                agency: filters.agency,
                company: companySlug,
                subsidiaries: filters.subsidiaries,
                status: filters.status,
                from: filters.from,
                to: filters.to,
                q: filters.q,
              },
            },
          ]}
        />
      )}

      {result.contracts.length > 0 ? (
        <ContractListTable
          contracts={result.contracts}
          caption={`Government contracts${active ? ' matching the filters' : ''}, page ${page} of ${result.pages}`}
        />
      ) : unknown.length > 0 ? null : active ? (
        <p className="text-stone-800">
          {emptyAdvice(filters, { company: result.company, agency: agencyName, chosen, unsearchable })}{' '}
          {/* Its subsidiaries may have some (Alphabet's are Google's). */}
          {result.company && result.company.subsidiaries > 0 && !filters.subsidiaries ? (
            <a href={contractsHref({ ...filters, subsidiaries: '1' })}>Include {result.company.name}’s subsidiaries</a>
          ) : (
            <a href="/contracts">See every contract</a>
          )}
        </p>
      ) : (
        <p className="text-stone-800">
          No contract has been published yet. Contracts appear here once an editor has published them.
        </p>
      )}

      <Pagination
        page={page}
        pages={result.pages}
        href={(target) => `${contractsHref(filters, target)}#results`}
        label="Contract list pages"
      />
    </div>
  );
}
