import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { cacheTags } from './cache-tags';
import { boundedPage } from './pagination';
import { companyFamily, getCompanyFigures } from './data/company-figures';
import {
  getCompanyBySlug,
  listCompanies,
  listCompaniesBySlugs,
  listContractsOfCompanies,
  type CompanyListOptions,
} from './data/companies';
import { getAgencyBySlug, listAgencies, type AgencyListOptions } from './data/agencies';
import { compareCompanies } from './data/compare';
import { datasetReach } from './data/coverage';
import { listContractAgencyOptions, listContracts, type ContractListOptions } from './data/contracts';
import { filterTerm, findFilterCompany, listOrganizationOptions, listTerms, resolveFilterSlugs } from './data/filters';
import { actionTermCounts, incidentYears, listIncidents, type IncidentFilters } from './data/incident-index';
import { knownOrganization } from './data/open-data';
import { correctedWords, findCompaniesByName } from './data/search';
import { searchableWords } from './data/text-match';
import { getOrganizationBySlug, listOrganizations, type OrganizationListOptions } from './data/organizations';
import { getContract, getDonationResponse, getEmployeeAction, getStatement } from './data/records';

/*
 * The public pages' reads, cached ('use cache') under the tags of lib/cache-tags.ts. Cached
 * entries live in the server's memory; a write invalidates its tags at once, and every entry is
 * also refreshed in the background within minutes, so that records changed outside the server
 * (a command-line import) show without a restart. The data layer below stays uncached and is
 * what the integration tests call.
 */

export async function cachedCompanyProfile(
  slug: string,
  options: {
    includeSubsidiaries: boolean;
    kind?: IncidentFilters['kind'];
    year?: number;
    page: number;
    perPage: number;
  },
) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.company(slug), cacheTags.companies);
  const company = await getCompanyBySlug(slug);
  if (!company) return null;
  const includeSubsidiaries = options.includeSubsidiaries && company.subsidiaries.length > 0;
  const family = includeSubsidiaries ? await companyFamily(company.id) : [company];
  const ids = family.map((member) => member.id);
  // A change to any subsidiary's records, at any depth, must refresh the roll-up too.
  for (const member of family) cacheTag(cacheTags.company(member.slug));
  const [figures, contracts, timeline, years] = await Promise.all([
    getCompanyFigures(ids),
    listContractsOfCompanies(ids),
    listIncidents(
      { companyIds: ids, kind: options.kind, fromYear: options.year, toYear: options.year },
      boundedPage(options),
    ),
    incidentYears({ companyIds: ids }),
  ]);
  // Named as counted: subsidiaries at every depth (Alphabet's figures include YouTube through Google).
  const included = family.filter((member) => member.id !== company.id).map((member) => member.name);
  return { company, includeSubsidiaries, included, figures, contracts, timeline: { ...timeline, years } };
}

export async function cachedCompanyIdentity(slug: string) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.company(slug), cacheTags.companies);
  return getCompanyBySlug(slug);
}

export async function cachedCompanyList(options: CompanyListOptions) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return listCompanies(options);
}

export async function cachedHome(storySlugs: string[]) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  const [story, latest, reach] = await Promise.all([
    listCompaniesBySlugs(storySlugs.slice(0, 10)),
    listIncidents({}, { perPage: 20 }),
    datasetReach(),
  ]);
  return { story, latest, reach };
}

/**
 * The incidents list. The company is named as a visitor types it (lib/data/filters.ts
 * findFilterCompany); one that names nothing empties the list, with the companies whose names
 * are closest as suggestions. The agency and the organisation are named by their address names.
 */
type IncidentListQuery = Omit<IncidentFilters, 'companyIds' | 'agencyId' | 'organizationId'> & {
  company?: string;
  agency?: string;
  /** Its donation responses and the actions it joined, as the API's organization filter gives them. */
  organization?: string;
  /** With `company`: its subsidiaries' records too, at every depth. */
  subsidiaries?: '1';
};

export async function cachedIncidentList(query: IncidentListQuery, page: { page: number; perPage: number }) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return incidentList(query, page);
}

/**
 * The incidents list, not cached: a list narrowed by words (whose values have no end, as search's
 * do not) is read afresh each time rather than filling the cache.
 */
export async function incidentList(query: IncidentListQuery, page: { page: number; perPage: number }) {
  const { company: companyText, agency: agencySlug, organization: organizationSlug, subsidiaries, ...asked } = query;
  const [company, { agency }, organization, form, issue, tag] = await Promise.all([
    companyText ? findFilterCompany(companyText) : null,
    resolveFilterSlugs({ agency: agencySlug }),
    // A merged organisation names the one it was merged into, as in the API.
    organizationSlug ? knownOrganization(organizationSlug) : null,
    // A form, issue or tag named by another spelling, or merged, names the term it is now.
    asked.form ? filterTerm('ACTION_FORM', asked.form) : undefined,
    asked.issue ? filterTerm('ISSUE', asked.issue) : undefined,
    asked.tag ? filterTerm('TAG', asked.tag) : undefined,
  ]);
  const unknown = [
    companyText && !company ? `no company “${companyText}”` : null,
    agencySlug && !agency ? `no agency “${agencySlug}”` : null,
    organizationSlug && !organization ? `no organization “${organizationSlug}”` : null,
    asked.form && !form ? `no action form “${asked.form}”` : null,
    asked.issue && !issue ? `no issue “${asked.issue}”` : null,
    asked.tag && !tag ? `no tag “${asked.tag}”` : null,
  ].filter((message): message is string => message !== null);
  const filters = { ...asked, form: form?.slug, issue: issue?.slug, tag: tag?.slug };
  const suggestions = companyText && !company ? await findCompaniesByName(companyText, 3) : [];
  if (unknown.length) {
    return {
      unknown,
      company,
      organization,
      suggestions,
      entries: [],
      total: 0,
      statusChanges: 0,
      pages: 1,
      termCounts: null,
      unsearchable: false,
      terms: { form: null, issue: null, tag: null },
      corrected: null,
    };
  }
  const companyIds =
    company && (subsidiaries ? (await companyFamily(company.id)).map((member) => member.id) : [company.id]);
  const resolved = {
    ...filters,
    companyIds: companyIds ?? undefined,
    agencyId: agency?.id,
    organizationId: organization?.id,
  };
  // The menus count under the filters only when some filter is chosen (else the whole record's counts serve).
  const filtering = [
    filters.kind,
    filters.form,
    filters.issue,
    filters.tag,
    filters.outcome,
    company,
    agency,
    organization,
    filters.fromYear,
    filters.toYear,
    filters.words,
  ].some((value) => value !== undefined && value !== null);
  const [result, termCounts] = await Promise.all([
    listIncidents(resolved, boundedPage(page)),
    filtering ? actionTermCounts(resolved) : null,
  ]);
  // Words that matched nothing because full text could find no word in them ("the", "-"): said so.
  const unsearchable = Boolean(filters.words) && result.total === 0 && !(await searchableWords(filters.words!));
  // Words that name a company misspelt ("gogle"): put right, for the page to offer, as search does.
  const corrected = filters.words && result.total === 0 && !unsearchable ? await correctedWords(filters.words) : null;
  // The terms the list is of, as they are now (a merged one's survivor), and how the address named them.
  const terms = { form: form ?? null, issue: issue ?? null, tag: tag ?? null };
  return { unknown, company, organization, suggestions, ...result, termCounts, unsearchable, terms, corrected };
}

/**
 * The company a list's filter names as typed (findFilterCompany), for the list's title: the list
 * itself resolves it within its own read.
 */
export async function cachedFilterCompany(text: string) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return findFilterCompany(text);
}

/**
 * The menus of the incidents' filters: the terms with their counts, and the agencies and
 * organisations that have incidents (`withChosen` adds the one an address names though it has none).
 */
export async function cachedFilterOptions() {
  'use cache';
  cacheLife('minutes');
  // The menus count the published actions of each term.
  cacheTag(cacheTags.vocabulary, cacheTags.lists);
  const [forms, issues, tags, employmentTypes, agencies, organizations] = await Promise.all([
    listTerms('ACTION_FORM'),
    listTerms('ISSUE'),
    listTerms('TAG'),
    listTerms('EMPLOYMENT_TYPE'),
    // An agency's incidents are those of its contracts (and its sub-agencies'): one without any finds nothing.
    listContractAgencyOptions(),
    listOrganizationOptions(),
  ]);
  return { forms, issues, tags, employmentTypes, agencies, organizations };
}

export async function cachedComparison(slugs: string[], includeSubsidiaries: boolean) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.companies);
  for (const slug of slugs) cacheTag(cacheTags.company(slug));
  const comparison = await compareCompanies(slugs, { includeSubsidiaries });
  // With subsidiaries, each column counts its whole family.
  for (const slug of comparison.counted) cacheTag(cacheTags.company(slug));
  return comparison;
}

// Agencies, organisations, contracts and the record pages: every write refreshes the lists' tag.

export async function cachedAgency(slug: string) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return getAgencyBySlug(slug);
}

export async function cachedAgencyList(options: AgencyListOptions) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return listAgencies(options);
}

export async function cachedAction(id: string) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return getEmployeeAction(id);
}

export async function cachedDonation(id: string) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return getDonationResponse(id);
}

export async function cachedOrganization(slug: string) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return getOrganizationBySlug(slug);
}

export async function cachedOrganizationList(options: OrganizationListOptions) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return listOrganizations(options);
}

export async function cachedContract(id: string) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return getContract(id);
}

export async function cachedContractList(options: ContractListOptions) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return listContracts(options);
}

export async function cachedContractAgencies() {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists, cacheTags.vocabulary);
  return listContractAgencyOptions();
}

export async function cachedStatement(id: string) {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.lists);
  return getStatement(id);
}
