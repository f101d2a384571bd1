import { canonicalAlternates, openGraph } from '@/lib/site';
import type { Metadata } from 'next';
import { cachedAction } from '@/lib/public-data';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ArchivedRecord, missingRecordMetadata } from '@/components/records/archived-record';
import { CiteRecord } from '@/components/records/cite-record';
import {
  commaList,
  CompanyLinks,
  Facts,
  NamedLinkText,
  Prose,
  RecordHeader,
  RecordLinkList,
  RecordSection,
  RecordSources,
  statementItems,
  validRecordId,
  RecordTools,
  ArchivedLinks,
} from '@/components/records/record-parts';
import { PreciseDate } from '@/components/ui/precise-date';
import { actionCompaniesWording, OUTCOME_LABEL, participantsLabel, placesLabel } from '@/lib/labels';
import { summarize } from '@/lib/text';
import { formatPreciseDate } from '@/lib/dates';
import { listAddress } from '@/lib/pagination';
import type { DatePrecision } from '@/lib/generated/prisma/enums';

type Props = { params: Promise<{ id: string }> };

// With its date: many actions share a title ("Open letter involving Amazon"), and a page's title
// is what a tab, a bookmark and a citation go by.
const pageTitle = (action: { title: string; startDate: Date; datePrecision: DatePrecision }) =>
  `${action.title} (${formatPreciseDate(action.startDate, action.datePrecision)})`;

// The tab's, with the start of what happened: some actions share their title and their day too
// (two strikes involving Amazon on 29 March 2021, one in Germany and one in Italy).
const tabTitle = (action: { title: string; startDate: Date; datePrecision: DatePrecision; description: string }) => {
  const lead = summarize(action.description, 80);
  return lead ? `${pageTitle(action)}: ${lead}` : pageTitle(action);
};

// Metadata and page ask for the same action: one lookup per request.
const loadAction = cache((id: string) => (validRecordId(id) ? cachedAction(id) : null));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const action = await loadAction(id);
  if (!action) return missingRecordMetadata('EMPLOYEE_ACTION', id, 'Employee action not found');
  const description = summarize(action.description, 200);
  const title = tabTitle(action);
  return {
    title,
    description,
    alternates: canonicalAlternates(`/actions/${action.id}`),
    openGraph: openGraph({
      title: `${title} · Counterweight`,
      description,
      type: 'article',
      url: `/actions/${action.id}`,
    }),
  };
}

/** Each form, issue or tag as a link to every employee action that has it (/incidents?kind=action&tag=ice). */
function termLinks(labels: string[], filter: 'form' | 'issue' | 'tag', slugs: Record<string, string>) {
  if (labels.length === 0) return null;
  return labels.map((label, index) => (
    <span key={label}>
      {index > 0 && ', '}
      {slugs[label] ? (
        <a href={listAddress('/incidents', { kind: 'action', [filter]: slugs[label] })}>{label}</a>
      ) : (
        label
      )}
    </span>
  ));
}

export default async function ActionPage({ params }: Props) {
  const { id } = await params;
  const action = await loadAction(id);
  if (!action) return validRecordId(id) ? <ArchivedRecord recordType="EMPLOYEE_ACTION" id={id} /> : notFound();
  const participants = participantsLabel(action.participantsMin, action.participantsMax, action.participantsText);
  const companiesWording = actionCompaniesWording(action);

  return (
    <article className="space-y-8">
      <RecordHeader
        kind="Employee action"
        date={action.startDate}
        precision={action.datePrecision}
        title={action.title}
      >
        {action.companies.length > 0 && (
          <p className="text-stone-700">
            {companiesWording.lead} <CompanyLinks companies={action.companies} />
          </p>
        )}
      </RecordHeader>

      <Facts
        label="Facts of this action"
        facts={[
          [action.forms.length === 1 ? 'Form' : 'Forms', termLinks(action.forms, 'form', action.termSlugs.form)],
          [action.issues.length === 1 ? 'Issue' : 'Issues', termLinks(action.issues, 'issue', action.termSlugs.issue)],
          ['Participants', participants],
          ['Employment types', commaList(action.employmentTypes)],
          ['Where', action.online === null ? null : action.online ? 'Online' : 'In person'],
          [action.locations.length === 1 ? 'Place' : 'Places', placesLabel(action.locations)],
          [action.tags.length === 1 ? 'Tag' : 'Tags', termLinks(action.tags, 'tag', action.termSlugs.tag)],
        ]}
      />

      <RecordSection id="description" title="What happened">
        <Prose text={action.description} />
      </RecordSection>

      {action.demands && (
        <RecordSection id="demands" title="Demands">
          <Prose text={action.demands} />
        </RecordSection>
      )}

      <RecordSection id="outcome" title="Outcome">
        <p>
          <span className="font-medium">{OUTCOME_LABEL[action.outcome] ?? action.outcome}</span>
          {action.outcomeDate && (
            <>
              {' '}
              (as of <PreciseDate date={action.outcomeDate} precision={action.outcomePrecision} />)
            </>
          )}
        </p>
        {action.outcomeNote && <Prose text={action.outcomeNote} />}
      </RecordSection>

      <RecordSection id="targets" title={companiesWording.section}>
        <h3 className="font-medium">{action.companies.length === 1 ? 'Company' : 'Companies'}</h3>
        {action.companies.length > 0 ? (
          <p>
            <CompanyLinks companies={action.companies} />
          </p>
        ) : (
          <p className="text-stone-700">No company is on record for this action.</p>
        )}
        <h3 className="font-medium">Government contracts</h3>
        <RecordLinkList
          items={action.contracts.map((contract) => ({
            key: contract.id,
            href: `/contracts/${contract.id}`,
            title: contract.title,
            detail: contract.company.name,
          }))}
          empty={action.archivedContracts.length ? undefined : 'No government contract is linked to this action yet.'}
        />
        <ArchivedLinks links={action.archivedContracts} verb="opposed" also={action.contracts.length > 0} />
      </RecordSection>

      {action.organizations.length > 0 && (
        <RecordSection id="organizations" title="Organizations that joined">
          <ul className="space-y-1">
            {action.organizations.map((organization) => (
              <li key={organization.slug}>
                <NamedLinkText item={organization} base="/organizations" />
              </li>
            ))}
          </ul>
        </RecordSection>
      )}

      <RecordSection id="statements" title="What the companies said">
        <RecordLinkList
          items={statementItems(action.statements)}
          empty="No company statement answering this action is on record."
        />
      </RecordSection>

      <RecordSources sources={action.sources}>
        {action.datasetRecordId && (
          <p className="text-sm text-stone-700">
            From the{' '}
            <a href="https://github.com/collective-action/tech" rel="noopener noreferrer">
              Collective Action in Tech
            </a>{' '}
            data set, record {action.datasetRecordId}.
          </p>
        )}
      </RecordSources>
      <CiteRecord
        title={pageTitle(action)}
        path={`/actions/${action.id}`}
        state={action}
        history={`/history/action/${action.id}`}
      />
      <RecordTools history={`/history/action/${action.id}`} correct={`/editor/actions/${action.id}`} />
    </article>
  );
}
