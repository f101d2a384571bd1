import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IncidentList } from '@/components/incidents/incident-list';
import { Pagination } from '@/components/ui/pagination';
import { cachedFilterOptions, cachedIncidentList } from '@/lib/public-data';
import { OUTCOME_LABEL } from '@/lib/labels';
import { incidentListParamsSchema, parseParams, type SearchParams } from '@/lib/validation/public-params';

export const metadata: Metadata = {
  title: 'Incidents',
  description: 'Employee actions, government contracts, donation responses and company statements, filtered and cited.',
};

const PER_PAGE = 50;
const KINDS = [
  ['action', 'Employee actions'],
  ['contract', 'Contracts'],
  ['donation', 'Donation responses'],
  ['statement', 'Company statements'],
] as const;

const selectClass = 'rounded border border-stone-400 bg-white px-2 py-1';

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = parseParams(incidentListParamsSchema, await searchParams);
  if (!query) notFound();
  const page = query.page ?? 1;

  const [{ forms, issues, agencies }, result] = await Promise.all([
    cachedFilterOptions(),
    cachedIncidentList(
      {
        kind: query.kind,
        form: query.form,
        issue: query.issue,
        outcome: query.outcome,
        company: query.company,
        agency: query.agency,
        fromYear: query.from,
        toYear: query.to,
        order: query.order,
      },
      { page, perPage: PER_PAGE },
    ),
  ]);
  const { unknown } = result;
  if (page > result.pages) notFound();

  const { page: _page, ...filters } = query;
  const active = Object.values(filters).some((value) => value !== undefined);
  const href = (target: number) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value !== undefined) next.set(key, String(value));
    if (target > 1) next.set('page', String(target));
    const search = next.toString();
    return search ? `/incidents?${search}` : '/incidents';
  };

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Incidents</h1>
      <form
        method="get"
        action="/incidents"
        className="grid gap-3 text-sm sm:grid-cols-3 lg:grid-cols-4"
        aria-label="Filter incidents"
      >
        <label className="flex flex-col gap-1">
          <span className="text-stone-700">Kind</span>
          <select name="kind" defaultValue={query.kind ?? ''} className={selectClass}>
            <option value="">All kinds</option>
            {KINDS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-stone-700">Action form</span>
          <select name="form" defaultValue={query.form ?? ''} className={selectClass}>
            <option value="">Any form</option>
            {forms.map((term) => (
              <option key={term.slug} value={term.slug}>
                {term.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-stone-700">Issue</span>
          <select name="issue" defaultValue={query.issue ?? ''} className={selectClass}>
            <option value="">Any issue</option>
            {issues.map((term) => (
              <option key={term.slug} value={term.slug}>
                {term.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-stone-700">Outcome</span>
          <select name="outcome" defaultValue={query.outcome ?? ''} className={selectClass}>
            <option value="">Any outcome</option>
            {Object.entries(OUTCOME_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-stone-700">Company (its address name, e.g. salesforce)</span>
          <input
            name="company"
            defaultValue={query.company ?? ''}
            className={selectClass}
            maxLength={100}
            pattern="[a-z0-9\-]+"
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-stone-700">Agency</span>
          <select name="agency" defaultValue={query.agency ?? ''} className={selectClass}>
            <option value="">Any agency</option>
            {agencies.map((agency) => (
              <option key={agency.slug} value={agency.slug}>
                {agency.name}
                {agency.acronym ? ` (${agency.acronym})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-stone-700">From year</span>
          <input
            name="from"
            type="number"
            min={1900}
            max={2100}
            defaultValue={query.from ?? ''}
            className={selectClass}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-stone-700">To year</span>
          <input name="to" type="number" min={1900} max={2100} defaultValue={query.to ?? ''} className={selectClass} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-stone-700">Order</span>
          <select name="order" defaultValue={query.order ?? 'newest'} className={selectClass}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded bg-stone-800 px-3 py-1.5 text-white hover:bg-stone-700">
            Apply filters
          </button>
          {active && <Link href="/incidents">Clear filters</Link>}
        </div>
      </form>
      <p className="text-stone-700" aria-live="polite">
        {unknown.length
          ? `There is ${unknown.join(' and ')} on record. Check the spelling, or clear that filter.`
          : `${result.total === 1 ? '1 incident' : `${result.total.toLocaleString('en-US')} incidents`}${active ? ' match these filters' : ''}.`}
        {active && ' The address of this page keeps the filters: share it to share this list.'}
      </p>
      <IncidentList
        entries={result.entries}
        headingLevel={2}
        empty={<p>No incident matches these filters. Try a wider year range, or fewer filters.</p>}
      />
      <Pagination page={page} pages={result.pages} href={href} label="Incident pages" />
    </div>
  );
}
