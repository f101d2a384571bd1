import { canonicalAlternates, openGraph } from '@/lib/site';
import type { Metadata } from 'next';
import { cachedStatement } from '@/lib/public-data';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ArchivedRecord, missingRecordMetadata } from '@/components/records/archived-record';
import { CiteRecord } from '@/components/records/cite-record';
import {
  Facts,
  Prose,
  Quote,
  RecordHeader,
  RecordLinkList,
  RecordSection,
  RecordSources,
  validRecordId,
  type RecordListItem,
  RecordTools,
  ArchivedLinks,
} from '@/components/records/record-parts';
import { STATEMENT_KIND_LABEL } from '@/lib/labels';
import { statementHeadline, summarize } from '@/lib/text';

type Props = { params: Promise<{ id: string }> };

/** The page's heading and title: the statement's first sentence, in full when it is not very long. */
const headline = (statement: { company: { name: string }; summary: string }) =>
  statementHeadline(statement.company.name, statement.summary, 240);

// Metadata and page ask for the same statement: one lookup per request.
const loadStatement = cache((id: string) => (validRecordId(id) ? cachedStatement(id) : null));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const statement = await loadStatement(id);
  if (!statement) return missingRecordMetadata('COMPANY_STATEMENT', id, 'Statement not found');
  const kind = STATEMENT_KIND_LABEL[statement.kind] ?? 'Statement';
  // Short enough for a browser's tab and a shared link's card; the page's heading says it all.
  const title = summarize(statementHeadline(statement.company.name, statement.summary, 90), 110);
  const description = `${kind}, ${statement.company.name}. ${summarize(statement.summary, 200)}`;
  return {
    title,
    description,
    alternates: canonicalAlternates(`/statements/${statement.id}`),
    openGraph: openGraph({
      title: `${title} · Counterweight`,
      description,
      type: 'article',
      url: `/statements/${statement.id}`,
    }),
  };
}

export default async function StatementPage({ params }: Props) {
  const { id } = await params;
  const statement = await loadStatement(id);
  if (!statement) return validRecordId(id) ? <ArchivedRecord recordType="COMPANY_STATEMENT" id={id} /> : notFound();
  const kind = STATEMENT_KIND_LABEL[statement.kind] ?? statement.kind;
  const answers: RecordListItem[] = [];
  if (statement.action)
    answers.push({
      key: 'action',
      href: `/actions/${statement.action.id}`,
      title: statement.action.title,
      date: { date: statement.action.startDate, precision: statement.action.datePrecision },
      detail: 'Employee action',
    });
  if (statement.contract)
    answers.push({
      key: 'contract',
      href: `/contracts/${statement.contract.id}`,
      title: statement.contract.title,
      detail: `Government contract of ${statement.contract.company.name}`,
    });
  if (statement.donationResponse)
    answers.push({
      key: 'donation',
      href: `/donations/${statement.donationResponse.id}`,
      title: statement.donationResponse.title,
      date: { date: statement.donationResponse.date, precision: statement.donationResponse.datePrecision },
      detail: 'Donation response',
    });

  return (
    <article className="space-y-8">
      <RecordHeader
        kind={statement.kind === 'STATEMENT' ? 'Company statement' : `Company statement · ${kind}`}
        date={statement.date}
        precision={statement.datePrecision}
        title={headline(statement)}
      >
        <p className="text-stone-700">
          By <a href={`/companies/${statement.company.slug}`}>{statement.company.name}</a>
        </p>
      </RecordHeader>

      <Facts
        label="Facts of this statement"
        facts={[
          ['Kind', kind],
          [
            'Company',
            <a key="company" href={`/companies/${statement.company.slug}`}>
              {statement.company.name}
            </a>,
          ],
          ['Speaker', statement.speaker],
        ]}
      />

      {/* The heading already says it all when the summary is one sentence of no great length. */}
      {summarize(statement.summary, 240) !== statement.summary.replace(/\s+/g, ' ').trim() && (
        <RecordSection id="summary" title="What it says">
          <Prose text={statement.summary} />
        </RecordSection>
      )}

      {statement.quote && (
        <RecordSection id="quote" title="In their words">
          <Quote quote={statement.quote} by={statement.speaker} />
        </RecordSection>
      )}

      <RecordSection id="answers" title="What it answers">
        <RecordLinkList
          items={answers}
          empty={
            statement.archivedAnswers.length
              ? undefined
              : 'This statement is not linked to an action, contract or donation response.'
          }
        />
        <ArchivedLinks links={statement.archivedAnswers} verb="answered" also={answers.length > 0} />
      </RecordSection>

      <RecordSources sources={statement.sources} />
      <CiteRecord
        title={headline(statement)}
        path={`/statements/${statement.id}`}
        state={statement}
        history={`/history/statement/${statement.id}`}
      />
      <RecordTools history={`/history/statement/${statement.id}`} correct={`/editor/statements/${statement.id}`} />
    </article>
  );
}
