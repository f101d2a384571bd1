import { z } from 'zod';
import { CONTRACT_STATUS_LABEL } from '../labels';
import { CONTRACT_STATUSES } from './records';
import {
  asCode,
  companyFilter,
  oneOf,
  pageFilter,
  parseFilters,
  slugFilter,
  subsidiariesSwitch,
  yearFilter,
  wordsFilter,
  yearsInOrder,
  type FiltersResult,
} from './list-filters';

/**
 * The query parameters of /contracts: ?agency=cbp&company=Salesforce&subsidiaries=1&status=ACTIVE&from=2018&to=2020&q=cloud&sort=-value&page=2.
 * Every one is checked here; anything else in the address (utm_source…) is ignored. A value that
 * does not parse gives a message saying which parameter is wrong and what it accepts, which the
 * page shows instead of the list (never an error page).
 */

export { CONTRACT_STATUSES };
export type ContractStatusFilter = (typeof CONTRACT_STATUSES)[number];

/**
 * date: oldest award first; -date: newest first; value / -value: by obligated amount, compared within
 * a currency (US dollars first, then each other currency). Undated or unvalued contracts come last.
 */
export const CONTRACT_SORTS = ['-date', 'date', '-value', 'value'] as const;
export type ContractSort = (typeof CONTRACT_SORTS)[number];
export const DEFAULT_CONTRACT_SORT: ContractSort = '-date';

export const contractFiltersSchema = z
  .object({
    agency: slugFilter('agency').optional(),
    company: companyFilter.optional(),
    // With a company: its subsidiaries' contracts too, as its profile counts them.
    subsidiaries: subsidiariesSwitch,
    // The address may spell it in lower case (status=cancelled, status=not-renewed), as /incidents takes outcome=met.
    status: z
      .string()
      .transform(asCode)
      .pipe(oneOf(CONTRACT_STATUSES, 'The status', CONTRACT_STATUS_LABEL))
      .optional(),
    from: yearFilter('From year').optional(),
    to: yearFilter('To year').optional(),
    q: wordsFilter.optional(),
    sort: oneOf(CONTRACT_SORTS, 'The order').optional(),
    page: pageFilter.optional(),
  })
  .refine(yearsInOrder.check, yearsInOrder.params);

export type ContractFilters = z.infer<typeof contractFiltersSchema>;
export type ContractFilterField = keyof ContractFilters;

export const CONTRACT_FIELDS = [
  'agency',
  'company',
  'subsidiaries',
  'status',
  'from',
  'to',
  'q',
  'sort',
  'page',
] as const satisfies readonly ContractFilterField[];

export type ContractFiltersResult = FiltersResult<ContractFilters, ContractFilterField>;

/** Reads /contracts's query parameters (lib/validation/list-filters.ts). */
export const parseContractFilters = (params: Record<string, string | string[] | undefined>): ContractFiltersResult =>
  parseFilters(contractFiltersSchema, CONTRACT_FIELDS, params);
