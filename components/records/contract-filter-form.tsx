import { problemAttributes } from '@/components/ui/filter-problems';
import { CompanyFilterField } from '@/components/records/company-filter-field';
import type { AgencyName } from '@/lib/data/contracts';
import { CONTRACT_STATUS_LABEL } from '@/lib/labels';
import {
  CONTRACT_SORTS,
  CONTRACT_STATUSES,
  DEFAULT_CONTRACT_SORT,
  type ContractFilters,
  type ContractSort,
} from '@/lib/validation/contract-filters';
import { MAX_WORDS_LENGTH } from '@/lib/validation/list-filters';
import { listAddress } from '@/lib/pagination';
import { SkipToResults } from '@/components/ui/skip-to-results';
import { YearFilterField } from './year-filter-field';
import { BodyFilterField } from './body-filter-field';

export const CONTRACT_SORT_LABEL: Record<ContractSort, string> = {
  '-date': 'Newest award first',
  date: 'Oldest award first',
  '-value': 'Largest obligated value first',
  value: 'Smallest obligated value first',
};

const fieldClass = 'w-full min-w-0 rounded border border-stone-500 bg-white px-2 py-1';

/**
 * The filters of /contracts as a plain GET form: it works without JavaScript, and the address it
 * leads to keeps the filters (to share, bookmark, or page through).
 */
export function ContractFilterForm({
  filters,
  agencies,
  active,
  results = true,
  invalid = [],
}: {
  /** The filters in force, or as typed when they were refused (years in the wrong order, to be corrected). */
  filters: Partial<Omit<ContractFilters, 'page'>> | Partial<Record<keyof ContractFilters, string>>;
  agencies: AgencyName[];
  active: boolean;
  /** Whether results follow the form (an address refused has none: no link past the filters to them). */
  results?: boolean;
  /** The filters the address gave a problem: marked so, described by the problems (components/ui/filter-problems.tsx). */
  invalid?: readonly string[];
}) {
  const problem = (field: string, describedBy?: string) => problemAttributes(invalid.includes(field), describedBy);
  const agencyKnown = filters.agency === undefined || agencies.some((agency) => agency.slug === filters.agency);
  return (
    <>
      {results && <SkipToResults />}
      <form
        method="get"
        action="/contracts#results"
        aria-label="Filter contracts"
        className="grid grid-cols-1 gap-3 rounded border border-stone-300 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-3"
      >
        <BodyFilterField
          name="agency"
          label="Agency or sub-agency"
          any="Any agency"
          value={filters.agency}
          options={agencies}
          className={fieldClass}
          unknown={agencyKnown ? undefined : filters.agency}
          invalid={invalid.includes('agency')}
        />
        <CompanyFilterField
          id="contracts-company"
          value={filters.company}
          subsidiaries={filters.subsidiaries === '1'}
          className={fieldClass}
          invalid={invalid}
        />
        <label className="flex min-w-0 flex-col gap-1">
          <span className="text-stone-700">Status</span>
          <select name="status" defaultValue={filters.status ?? ''} className={fieldClass} {...problem('status')}>
            <option value="">Any status</option>
            {CONTRACT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {CONTRACT_STATUS_LABEL[status] ?? status}
              </option>
            ))}
          </select>
        </label>
        <YearFilterField
          name="from"
          label="Awarded from year"
          value={filters.from}
          className={fieldClass}
          describedBy="contract-years-help"
          invalid={invalid.includes('from')}
        />
        <YearFilterField
          name="to"
          label="Awarded to year"
          value={filters.to}
          className={fieldClass}
          describedBy="contract-years-help"
          invalid={invalid.includes('to')}
        />
        <label className="flex min-w-0 flex-col gap-1">
          <span className="text-stone-700">Words</span>
          <input
            name="q"
            type="search"
            maxLength={MAX_WORDS_LENGTH}
            placeholder="such as cloud"
            defaultValue={filters.q ?? ''}
            className={fieldClass}
            {...problem('q', 'contract-words-help')}
          />
          <span id="contract-words-help" className="sr-only">
            In contracts’ titles and purposes, as the search reads them.
          </span>
        </label>
        <label className="flex min-w-0 flex-col gap-1">
          <span className="text-stone-700">Order</span>
          <select
            name="sort"
            defaultValue={filters.sort ?? DEFAULT_CONTRACT_SORT}
            className={fieldClass}
            {...problem('sort')}
          >
            {Object.entries(CONTRACT_SORT_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <p id="contract-years-help" className="text-stone-700 sm:col-span-2 lg:col-span-3">
          Years are award years, both included. Contracts whose award date is not known are left out when a year is set,
          and come last in the date orders.
        </p>
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-3">
          <button type="submit" className="rounded bg-stone-800 px-3 py-1.5 text-white hover:bg-stone-700">
            Apply filters
          </button>
          {/* The order narrows nothing: clearing the filters keeps it. */}
          {active && (
            <a
              href={listAddress('/contracts', {
                // An order the address got wrong is not kept: the link would be refused again.
                sort: (CONTRACT_SORTS as readonly string[]).includes(filters.sort ?? '') ? filters.sort : undefined,
              })}
            >
              Clear filters
            </a>
          )}
        </div>
      </form>
    </>
  );
}
