import Link from 'next/link';
import type { IncidentKind, IncidentSummary } from '@/lib/data/incidents';
import { PreciseDate } from '@/components/ui/precise-date';

const KIND_LABEL: Record<IncidentKind, string> = {
  action: 'Employee action',
  contract: 'Contract',
  donation: 'Donation response',
  statement: 'Company statement',
};

/** Where an incident is shown: its section on the (first) company's page. */
function incidentHref(incident: IncidentSummary): string | null {
  const company = incident.companies[0];
  return company ? `/companies/${company.slug}#${incident.kind}-${incident.id}` : null;
}

export function IncidentList({ incidents }: { incidents: IncidentSummary[] }) {
  if (incidents.length === 0) {
    return <p className="text-stone-700">Nothing has been published yet.</p>;
  }
  return (
    <ul className="divide-y divide-stone-200">
      {incidents.map((incident) => {
        const href = incidentHref(incident);
        return (
          <li key={`${incident.kind}-${incident.id}`} className="py-3">
            <p className="text-sm text-stone-600">
              <span className="font-medium uppercase tracking-wide">{KIND_LABEL[incident.kind]}</span>
              {' · '}
              <PreciseDate date={incident.date} precision={incident.datePrecision} />
              {' · '}
              {incident.sourceCount === 1 ? '1 source' : `${incident.sourceCount} sources`}
            </p>
            <p className="font-medium">{href ? <Link href={href}>{incident.title}</Link> : incident.title}</p>
            {incident.summary && <p className="text-stone-700">{incident.summary}</p>}
            {incident.companies.length > 1 && (
              <p className="text-sm text-stone-600">
                Companies:{' '}
                {incident.companies.map((company, index) => (
                  <span key={company.slug}>
                    {index > 0 && ', '}
                    <Link href={`/companies/${company.slug}`}>{company.name}</Link>
                  </span>
                ))}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
