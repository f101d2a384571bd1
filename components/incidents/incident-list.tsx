import type { EntryKind, IncidentEntry } from '@/lib/data/incident-index';
import { SourceList } from '@/components/sources/source-list';
import { PreciseDate } from '@/components/ui/precise-date';

export const ENTRY_KIND_LABEL: Record<EntryKind, string> = {
  action: 'Employee action',
  contract: 'Contract awarded',
  'contract-status': 'Contract status',
  donation: 'Donation response',
  statement: 'Company statement',
};

/** Incidents as a list: kind, date at its precision, a one-line summary, companies, and optionally sources. */
export function IncidentList({
  entries,
  empty,
  showSources = false,
  headingLevel = 3,
}: {
  entries: IncidentEntry[];
  empty: React.ReactNode;
  showSources?: boolean;
  headingLevel?: 2 | 3;
}) {
  if (entries.length === 0) return <div className="text-stone-700">{empty}</div>;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol className="divide-y divide-stone-200">
      {entries.map((entry) => (
        <li key={`${entry.kind}-${entry.id}`} className="py-3">
          <p className="text-sm text-stone-600">
            <span className="font-medium uppercase tracking-wide">{ENTRY_KIND_LABEL[entry.kind]}</span>
            {' · '}
            <PreciseDate date={entry.date} precision={entry.datePrecision} />
            {entry.facts && ` · ${entry.facts}`}
            {!showSources && ` · ${entry.sourceCount === 1 ? '1 source' : `${entry.sourceCount} sources`}`}
          </p>
          <Heading className="font-medium">
            <a href={entry.href}>{entry.title}</a>
          </Heading>
          {entry.summary && <p className="text-stone-700">{entry.summary}</p>}
          {entry.companies.length > 0 && (
            <p className="text-sm text-stone-600">
              {entry.companies.length === 1 ? 'Company: ' : 'Companies: '}
              {entry.companies.map((company, index) => (
                <span key={company.slug}>
                  {index > 0 && ', '}
                  <a href={`/companies/${company.slug}`}>{company.name}</a>
                </span>
              ))}
            </p>
          )}
          {showSources && <SourceList sources={entry.sources} />}
        </li>
      ))}
    </ol>
  );
}
