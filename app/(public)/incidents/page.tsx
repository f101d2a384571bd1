import { withChosen } from '@/lib/data/filters';
import { listShareMetadata } from '@/lib/site';
import { ResultsSummary } from '@/components/ui/results-summary';
import type { Metadata } from 'next';
import { BodyFilterField } from '@/components/records/body-filter-field';
import { CompanyFilterField } from '@/components/records/company-filter-field';
import { IncidentList } from '@/components/incidents/incident-list';
import { DownloadLinks } from '@/components/ui/download-links';
import { Pagination } from '@/components/ui/pagination';
import { cachedFilterCompany, cachedFilterOptions, cachedIncidentList, incidentList } from '@/lib/public-data';
import { EXPORT_OF_KIND, INCIDENT_KINDS, type IncidentKind } from '@/lib/incident-kinds';
import { agencySearch, agencyTitle, incidentListTitle, organizationTitle } from '@/lib/list-titles';
import { INCIDENT_KIND_LABEL, OUTCOME_LABEL } from '@/lib/labels';
import {
  INCIDENT_FIELDS,
  MAX_WORDS_LENGTH,
  parseIncidentFilters,
  typedFilterValues,
  unreadFilters,
  type IncidentPageFilters,
} from '@/lib/validation/list-filters';
import type { SearchParams } from '@/lib/validation/public-params';
import { PastTheEnd } from '@/components/ui/past-the-end';
import { FilterProblems, problemAttributes } from '@/components/ui/filter-problems';
import { UnreadFilters } from '@/components/ui/unread-filters';
import { API_LIST_PARAMETERS } from '@/lib/api/kinds';
import { listAddress } from '@/lib/pagination';
import { unsearchableAdvice } from '@/lib/data/text-match';
import { SkipToResults } from '@/components/ui/skip-to-results';
import { YearFilterField } from '@/components/records/year-filter-field';
import { ReadAs } from '@/components/ui/read-as';

const DESCRIPTION =
  'Employee actions, government contracts, donation responses and company statements, filtered and cited.';

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const parsed = parseIncidentFilters(await searchParams);
  // An address with filters the list cannot apply shows a message, not a list: not worth indexing.
  if (!parsed.ok) return { title: 'Incidents', description: DESCRIPTION, robots: { index: false } };
  const { page, ...filters } = parsed.filters;
  const title = await listTitleOf(parsed.filters);
  return { title, description: DESCRIPTION, ...listShareMetadata(incidentsHref(filters, page), title, DESCRIPTION) };
}

/**
 * The list's title with the company, agency, organisation and terms by the names the page shows,
 * read from the cached company lookup and menus (null for a name not on record: the title stays plain).
 */
async function listTitleOf(filters: IncidentPageFilters): Promise<string> {
  const { company: companyText, subsidiaries, agency, organization, form, issue, tag, ...rest } = filters;
  const [company, options] = await Promise.all([
    companyText ? cachedFilterCompany(companyText) : undefined,
    agency || organization || form || issue || tag ? cachedFilterOptions() : undefined,
  ]);
  const [agencies, organizations] = await Promise.all([
    withChosen(options?.agencies ?? [], 'agency', agency),
    withChosen(options?.organizations ?? [], 'organization', organization),
  ]);
  const label = (terms: { slug: string; label: string }[] | undefined, slug: string | undefined) =>
    slug && (terms?.find((term) => term.slug === slug)?.label ?? null);
  return incidentListTitle({
    ...rest,
    company:
      companyText &&
      (company ? `${company.name}${subsidiaries && company.subsidiaries ? ' and subsidiaries' : ''}` : null),
    agency: agency && agencyTitle(agencies.find((option) => option.slug === agency)),
    organization: organization && organizationTitle(organizations.find((option) => option.slug === organization)),
    form: label(options?.forms, form),
    issue: label(options?.issues, issue),
    tag: label(options?.tags, tag),
  });
}

const PER_PAGE = 50;
const KINDS = Object.entries(INCIDENT_KIND_LABEL);

const selectClass = 'w-full min-w-0 rounded border border-stone-500 bg-white px-2 py-1';

type Filters = Omit<IncidentPageFilters, 'page'>;

/** /incidents with these filters (page 1, and the subsidiaries switch without a company, left out of the address). */
const incidentsHref = (filters: Filters, page = 1): string =>
  listAddress('/incidents', {
    ...filters,
    subsidiaries: filters.company ? filters.subsidiaries : undefined,
    page: page > 1 ? page : undefined,
  });

/** Whether the filters are ones only employee actions have (a form, an issue, a tag, an outcome). */
const asksForActions = (filters: Filters) =>
  filters.form !== undefined ||
  filters.issue !== undefined ||
  filters.tag !== undefined ||
  filters.outcome !== undefined;

/** The kinds of incident that name an organisation: with one asked for, the list holds only these. */
const OF_ORGANIZATION: readonly IncidentKind[] = ['action', 'donation'];

/**
 * What an empty list advises, for the filters that emptied it: a misspelt name is named above the
 * list; words the search cannot use, filters only actions have, a year range that leaves undated
 * records out are explained; one company with nothing on record is said so; "fewer filters" only
 * when there is more than one.
 */
function emptyAdvice(
  filters: Filters,
  found: {
    unknown: boolean;
    unsearchable: boolean;
    company: string | undefined;
    organization: string | undefined;
    chosen: number;
  },
): string {
  // The name not on record is said above the list, with names like it.
  if (found.unknown) return '';
  if (found.unsearchable) return unsearchableAdvice(filters.q ?? '');
  if (filters.kind && filters.kind !== 'action' && asksForActions(filters))
    return 'Forms of action, issues, tags and outcomes belong to employee actions: choose “Employee actions” as the kind, or clear them.';
  if (filters.kind && filters.organization && !OF_ORGANIZATION.includes(filters.kind))
    return 'Contracts and company statements name no organization: choose “Employee actions” or “Donation responses” as the kind, or clear the organization.';
  if (filters.kind !== 'action' && (filters.from !== undefined || filters.to !== undefined))
    return 'A year range leaves out the records whose date is not on record (some contracts and donation responses): try a wider range, or none.';
  if (found.chosen > 1) return 'Try fewer filters.';
  if (filters.q !== undefined) return 'Try other words.';
  if (found.company) return `Nothing about ${found.company} is on record yet.`;
  if (found.organization)
    return `No donation response ${found.organization} answered, nor employee action it joined, is on record yet.`;
  return 'Nothing is on record for it yet.';
}

/**
 * The exports behind the list: one per kind it shows (only employee actions have forms, issues
 * and outcomes; only they and donation responses an organisation), with the company by its
 * address name and the organisation by the one it has now.
 */
function incidentExports(filters: Filters, companySlug: string | undefined, organizationSlug: string | undefined) {
  const actionsOnly = asksForActions(filters);
  const kinds = filters.kind
    ? [filters.kind]
    : actionsOnly
      ? (['action'] as const)
      : organizationSlug
        ? OF_ORGANIZATION
        : INCIDENT_KINDS;
  const common = {
    company: companySlug,
    subsidiaries: filters.subsidiaries,
    agency: filters.agency,
    from: filters.from,
    to: filters.to,
    q: filters.q,
  };
  // As the exports read it: actions and donation responses only (the others refuse the parameter).
  const organization = { organization: organizationSlug };
  return kinds.map((kind) => ({
    kind: EXPORT_OF_KIND[kind],
    filters:
      kind === 'action'
        ? {
            ...common,
            ...organization,
            form: filters.form,
            issue: filters.issue,
            tag: filters.tag,
            outcome: filters.outcome,
          }
        : kind === 'donation'
          ? { ...common, ...organization }
          : common,
  }));
}

/**
 * The company the list is of, when the address names it otherwise ("salesforce.com") or asks for
 * its subsidiaries too: " (company: Salesforce)", " (Alphabet and its subsidiaries)".
 */
function companyNote(company: { name: string; subsidiaries: number } | null | undefined, filters: Filters): string {
  if (!company) return '';
  if (filters.subsidiaries && company.subsidiaries) return ` (${company.name} and its subsidiaries)`;
  return company.name !== filters.company ? ` (company: ${company.name})` : '';
}

/**
 * What the list holds of the organisation asked for, when it would otherwise hold every kind:
 * " Contracts and company statements name no organization: the list holds only RAICES’s donation
 * responses and the employee actions it joined."
 */
function organizationNote(organization: { name: string; acronym: string | null } | null, filters: Filters): string {
  if (!organization || filters.kind || asksForActions(filters)) return '';
  const name = organization.acronym ?? organization.name;
  return ` Contracts and company statements name no organization: the list holds only ${name}’s donation responses and the employee actions it joined.`;
}

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const parsed = parseIncidentFilters(params);
  const options = cachedFilterOptions();

  if (!parsed.ok) {
    return (
      <div className="space-y-6">
        <h1 className="text-3xl font-bold">Incidents</h1>
        <FilterProblems problems={parsed.problems} results>
          Correct them below, or <a href="/incidents">see every incident</a>.
        </FilterProblems>
        <IncidentFilterForm
          values={typedFilterValues(params)}
          invalid={parsed.problems.map((problem) => problem.field)}
          options={await options}
          active
          counted={false}
          results={false}
        />
      </div>
    );
  }

  const { page = 1, ...filters } = parsed.filters;
  // Subsidiaries are a company's: without one, the switch is no filter.
  if (!filters.company) filters.subsidiaries = undefined;
  // Words have no end of values: a list narrowed by them is read afresh, not kept in the cache.
  const list = filters.q ? incidentList : cachedIncidentList;
  const [filterOptions, result] = await Promise.all([
    options,
    list(
      {
        kind: filters.kind,
        form: filters.form,
        issue: filters.issue,
        tag: filters.tag,
        outcome: filters.outcome,
        company: filters.company,
        subsidiaries: filters.subsidiaries,
        agency: filters.agency,
        organization: filters.organization,
        fromYear: filters.from,
        toYear: filters.to,
        words: filters.q,
        order: filters.order,
      },
      { page, perPage: PER_PAGE },
    ),
  ]);
  const { unknown, suggestions } = result;
  // A form, issue or tag merged into another, or named by another spelling: the list under the term
  // it is now, whose name the title and the menus say (and which the form sends again).
  const { terms } = result;
  // Shown here under the address asked for, said to be, rather than redirected: with Cache
  // Components the page's shell has left with its status before the list is read, so a redirect
  // from here would reach a browser without JavaScript as an empty page.
  const followed: string[] = [];
  for (const kind of ['form', 'issue', 'tag'] as const) {
    const now = terms[kind];
    if (now && now.slug !== filters[kind]) {
      followed.push(
        now.match === 'merged'
          ? `the ${kind} “${now.named}” was merged into “${now.label}”`
          : `“${filters[kind]}” is another spelling of the ${kind} “${now.label}”`,
      );
      filters[kind] = now.slug;
    }
  }
  // So is an organisation merged into another: the list is of the one it was merged into.
  const { organization } = result;
  if (organization && organization.slug !== filters.organization) {
    followed.push(
      `the organization “${filters.organization}” was merged into ${organization.acronym ?? organization.name}`,
    );
    filters.organization = organization.slug;
  }
  if (page > result.pages)
    return (
      <PastTheEnd
        title="Incidents"
        page={page}
        pages={result.pages}
        href={(target) => incidentsHref(filters, target)}
      />
    );

  const active = Object.values(filters).some((value) => value !== undefined);
  // How many filters narrow the list (the order narrows nothing).
  const chosen = Object.entries(filters).filter(([key, value]) => key !== 'order' && value !== undefined).length;
  const advice = emptyAdvice(filters, {
    unknown: unknown.length > 0,
    unsearchable: result.unsearchable,
    company: result.company?.name,
    organization: organization ? (organization.acronym ?? organization.name) : undefined,
    chosen,
  });
  // With filters chosen, each form and issue in the menus counts what choosing it would find.
  const counted = (terms: { slug: string; label: string; count: number }[], kind: 'ACTION_FORM' | 'ISSUE') =>
    active && result.termCounts
      ? terms.map((term) => ({ ...term, count: result.termCounts?.[kind][term.slug] ?? 0 }))
      : terms;
  const menus = {
    ...filterOptions,
    forms: counted(filterOptions.forms, 'ACTION_FORM'),
    issues: counted(filterOptions.issues, 'ISSUE'),
    // The agency and organisation filtered by, though it has nothing to find (the one a merged
    // organisation's address was followed to, too).
    agencies: await withChosen(filterOptions.agencies, 'agency', filters.agency),
    organizations: await withChosen(filterOptions.organizations, 'organization', filters.organization),
  };
  const agencyChosen = filters.agency ? menus.agencies.find((option) => option.slug === filters.agency) : undefined;
  const values = Object.fromEntries(
    Object.entries(filters).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  );

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Incidents</h1>
      <IncidentFilterForm
        values={values}
        options={menus}
        active={active}
        counted={active && result.termCounts !== null}
      />
      {followed.length > 0 && (
        <p className="text-stone-800">
          {`${followed.join('; ').replace(/^t/, 'T')}: this is its list, at `}
          <a href={incidentsHref(filters, page)}>its own address</a>.
        </p>
      )}
      <UnreadFilters
        unread={unreadFilters(params, INCIDENT_FIELDS, API_LIST_PARAMETERS, parsed.filters)}
        records="incidents"
      />
      <ResultsSummary>
        {unknown.length
          ? `There is ${unknown.join(' and ')} on record. Check the spelling, or clear that filter.`
          : result.total === 0
            ? // Said once, with what to do, by the empty list below.
              `No incident matches ${chosen === 1 ? 'this filter' : 'these filters'}.`
            : `${result.total === 1 ? '1 incident' : `${result.total.toLocaleString('en-US')} incidents`}${chosen > 0 ? `${result.total === 1 ? ' matches' : ' match'} ${chosen === 1 ? 'this filter' : 'these filters'}` : ''}${companyNote(result.company, filters)}.`}
        {result.total > 0 && organizationNote(organization, filters)}
        {result.statusChanges > 0 &&
          ` ${result.statusChanges === 1 ? 'One is a contract’s change of status' : `${result.statusChanges.toLocaleString('en-US')} are contracts’ changes of status`}, listed apart from the contract’s award: the contracts file lists each contract once.`}
        {active && result.total > 0 && ' The address of this page keeps the filters: share it to share this list.'}
      </ResultsSummary>
      {agencyChosen && unknown.length === 0 && (!filters.kind || filters.kind === 'action') && (
        // The filter finds an action through the contract it names: most name a company, not a contract.
        <p className="max-w-3xl text-sm text-stone-700">
          An employee action is listed for {agencyChosen.acronym ?? agencyChosen.name} when its record names a contract
          of the agency. Many actions name a company and an issue but no contract (most of those imported from the
          Collective Action in Tech data set do):{' '}
          <a href={`/search?q=${encodeURIComponent(agencySearch(agencyChosen))}`}>search for the agency by name</a> to
          find the ones that mention it.
        </p>
      )}
      {result.corrected && (
        // Words naming a company misspelt: put right, as the search box puts them.
        <p>
          Did you mean{' '}
          <a href={`${incidentsHref({ ...filters, q: result.corrected.words })}#results`}>
            &ldquo;{result.corrected.words}&rdquo;
          </a>{' '}
          (reading <ReadAs names={result.corrected.names} />
          )?
        </p>
      )}
      {suggestions.length > 0 && (
        <p>
          Did you mean{' '}
          {suggestions.map((company, index) => (
            <span key={company.slug}>
              {index > 0 && (index === suggestions.length - 1 ? ' or ' : ', ')}
              <a href={`${incidentsHref({ ...filters, company: company.slug })}#results`}>{company.name}</a>
            </span>
          ))}
          {'?'}
        </p>
      )}
      {unknown.length === 0 && result.total > 0 && (
        <DownloadLinks
          exports={incidentExports(filters, result.company?.slug, organization?.slug)}
          statusChangesListed
        />
      )}
      <IncidentList
        entries={result.entries}
        headingLevel={2}
        empty={
          <p>
            {advice && `${advice} `}
            {/* Its subsidiaries may have some (Alphabet's contract is Google's), as the contracts list says. */}
            {result.company && result.company.subsidiaries > 0 && !filters.subsidiaries ? (
              <a href={incidentsHref({ ...filters, subsidiaries: '1' })}>
                Include {result.company.name}’s subsidiaries
              </a>
            ) : (
              <a href="/incidents">See every incident</a>
            )}
          </p>
        }
      />
      <Pagination
        page={page}
        pages={result.pages}
        href={(target) => `${incidentsHref(filters, target)}#results`}
        label="Incident pages"
      />
    </div>
  );
}

/** The filters, as a form that works without JavaScript; `values` are what the address holds. */
function IncidentFilterForm({
  values,
  options,
  active,
  counted,
  results = true,
  invalid = [],
}: {
  values: Record<string, string>;
  options: Awaited<ReturnType<typeof cachedFilterOptions>>;
  active: boolean;
  /** Whether the menus' numbers count under the other filters (said under the form). */
  counted: boolean;
  /** Whether results follow the form (an address refused has none: no link past the filters to them). */
  results?: boolean;
  /** The filters the address gave a problem: marked so, described by the problems (components/ui/filter-problems.tsx). */
  invalid?: readonly string[];
}) {
  const problem = (field: string, describedBy?: string) => problemAttributes(invalid.includes(field), describedBy);
  return (
    <>
      {results && <SkipToResults />}
      <form
        method="get"
        action="/incidents#results"
        className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-4"
        aria-label="Filter incidents"
      >
        <label className="flex min-w-0 flex-col gap-1">
          <span className="text-stone-700">Kind</span>
          <select name="kind" defaultValue={values.kind ?? ''} className={selectClass} {...problem('kind')}>
            <option value="">All kinds</option>
            {KINDS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <TermMenu
          label="Action form"
          name="form"
          any="Any form"
          terms={options.forms}
          values={values}
          numbered={counted || !active}
          invalid={invalid.includes('form')}
        />
        <TermMenu
          label="Issue"
          name="issue"
          any="Any issue"
          terms={options.issues}
          values={values}
          numbered={counted || !active}
          invalid={invalid.includes('issue')}
        />
        {/* Counted over the whole record: the menus count under the other filters for forms and issues only. */}
        <TermMenu
          label="Tag"
          name="tag"
          any="Any tag"
          terms={options.tags}
          values={values}
          numbered={!active}
          invalid={invalid.includes('tag')}
        />
        <label className="flex min-w-0 flex-col gap-1">
          <span className="text-stone-700">Outcome</span>
          <select
            name="outcome"
            defaultValue={values.outcome?.toUpperCase() ?? ''}
            className={selectClass}
            {...problem('outcome')}
          >
            <option value="">Any outcome</option>
            {Object.entries(OUTCOME_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <CompanyFilterField
          id="filter-company"
          value={values.company}
          subsidiaries={values.subsidiaries === '1'}
          className={selectClass}
          invalid={invalid}
        />
        <BodyFilterField
          name="agency"
          label="Agency"
          any="Any agency"
          value={values.agency}
          options={options.agencies}
          className={selectClass}
          invalid={invalid.includes('agency')}
        />
        <BodyFilterField
          name="organization"
          label="Organization"
          any="Any organization"
          value={values.organization}
          options={options.organizations}
          className={selectClass}
          invalid={invalid.includes('organization')}
        />
        <YearFilterField
          name="from"
          label="From year"
          value={values.from}
          className={selectClass}
          invalid={invalid.includes('from')}
        />
        <YearFilterField
          name="to"
          label="To year"
          value={values.to}
          className={selectClass}
          invalid={invalid.includes('to')}
        />
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="filter-words" className="text-stone-700">
            Words
          </label>
          <input
            id="filter-words"
            name="q"
            type="search"
            maxLength={MAX_WORDS_LENGTH}
            placeholder="such as ICE contract"
            defaultValue={values.q ?? ''}
            {...problem('q', 'filter-words-hint')}
            className={selectClass}
          />
          <span id="filter-words-hint" className="sr-only">
            In titles, descriptions, purposes, reasons, summaries and quotes; as the search reads them.
          </span>
        </div>
        <label className="flex min-w-0 flex-col gap-1">
          <span className="text-stone-700">Order</span>
          <select name="order" defaultValue={values.order ?? 'newest'} className={selectClass} {...problem('order')}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded bg-stone-800 px-3 py-1.5 text-white hover:bg-stone-700">
            Apply filters
          </button>
          {/* The order narrows nothing: clearing the filters keeps it. */}
          {Object.keys(values).some((key) => key !== 'order') && (
            <a href={listAddress('/incidents', { order: values.order === 'oldest' ? 'oldest' : undefined })}>
              Clear filters
            </a>
          )}
        </div>
        {counted && (
          <p className="text-stone-700 sm:col-span-3 lg:col-span-4">
            The number after each form and issue is how many actions choosing it would find, with the other filters
            kept.
          </p>
        )}
      </form>
    </>
  );
}

/** A filter menu of one vocabulary (forms, issues, tags), its choice kept from the address. */
function TermMenu({
  label,
  name,
  any,
  terms,
  values,
  numbered,
  invalid,
}: {
  label: string;
  name: 'form' | 'issue' | 'tag';
  any: string;
  terms: { slug: string; label: string; count: number }[];
  values: Record<string, string>;
  numbered: boolean;
  invalid: boolean;
}) {
  return (
    <label className="flex min-w-0 flex-col gap-1">
      <span className="text-stone-700">{label}</span>
      <select name={name} defaultValue={values[name] ?? ''} className={selectClass} {...problemAttributes(invalid)}>
        <option value="">{any}</option>
        <TermOptions terms={terms} chosen={values[name]} numbered={numbered} />
      </select>
    </label>
  );
}

/**
 * A vocabulary menu's choices with the published actions of each; a term no published action has
 * yet would only ever list nothing, so it is left out (unless the address asks for it).
 */
function TermOptions({
  terms,
  chosen,
  numbered,
}: {
  terms: { slug: string; label: string; count: number }[];
  chosen?: string;
  /** False when the numbers would not be what a choice finds (filters the menus cannot count under). */
  numbered: boolean;
}) {
  return terms
    .filter((term) => term.count > 0 || term.slug === chosen)
    .map((term) => (
      <option key={term.slug} value={term.slug}>
        {numbered ? `${term.label} (${term.count.toLocaleString('en-US')})` : term.label}
      </option>
    ));
}
