import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { RecordForm } from '@/components/editor/record-form';
import { WithdrawChange } from '@/components/editor/withdraw-change';
import { DRAFT_KIND } from '@/lib/draft-kinds';
import { DateTime } from '@/components/ui/date-time';
import { signedInUser } from '@/lib/auth/session';
import { WithSiteLinks } from '@/components/editor/note-with-links';
import { noteFrom, OUTDATED, ownChange, RECORD_GONE, withNameToAdd } from '@/lib/data/edit-forms';
import { linkOf, recordLinks } from '@/lib/data/record-links';
import { changeTypeLabel } from '@/lib/data/review';
import { fieldLabel } from '@/lib/labels';
import { CUID } from '@/lib/validation/records';

/**
 * The signed-in editor's change and what its page calls it ("Revise your change to Salesforce",
 * "Send your new company “Acme Analytics” again"), read once per request by the page and its title.
 */
const changeView = cache(async (id: string) => {
  const change = await ownChange(await signedInUser(), id);
  if (!change) return null;
  const kind = changeTypeLabel(change.recordType).toLowerCase();
  const links = change.recordId ? await recordLinks([{ type: change.recordType, id: change.recordId }]) : undefined;
  const record = links && linkOf(links, change.recordType, change.recordId);
  // A statement is named by its summary, a sentence: its full stop would end the heading mid-way.
  const name = change.recordType === 'COMPANY_STATEMENT' ? record?.name.replace(/\.$/, '') : record?.name;
  const proposed = change.start?.values.name || change.start?.values.title;
  const subject = change.recordId
    ? `change to ${name ?? `a ${kind}`}`
    : `new ${kind}${proposed ? ` “${proposed}”` : ''}`;
  const waiting = change.status === 'PENDING';
  const heading = waiting ? `Revise your ${subject}` : change.start ? `Send your ${subject} again` : `Your ${subject}`;
  return { change, record, waiting, heading };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const view = await changeView((await params).id).catch(() => null);
  return { title: view?.heading ?? 'Your change', robots: { index: false } };
}

/**
 * An editor's own change: while it waits for review, its form to revise it in place (it keeps its
 * place in the queue) or to withdraw it; once rejected or withdrawn, its form to send it again.
 */
export default async function OwnChangePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ alias?: string | string[] }>;
}) {
  const { id } = await params;
  const view = await changeView(id);
  if (!view) notFound();
  const { change, record, waiting, heading } = view;
  // A company's form opened from the list of recipients waiting for a company, sent here (open-own-pending.ts).
  const { alias } = await searchParams;
  const start = change.start && change.recordType === 'COMPANY' ? withNameToAdd(change.start, alias) : change.start;
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold wrap-anywhere">{heading}</h1>
      <p className="text-stone-700">
        Sent on <DateTime value={change.createdAt} />
        {change.revisedAt && (
          <>
            , revised on <DateTime value={change.revisedAt} />
          </>
        )}
        .{' '}
        {waiting
          ? 'It waits for review: what you save here replaces it, in its place in the queue.'
          : change.status === 'PUBLISHED'
            ? 'It is published.'
            : change.status === 'REJECTED'
              ? 'A reviewer rejected it.'
              : 'You withdrew it.'}
        {record && (
          <>
            {' '}
            <a href={record.href}>
              {change.status === 'PUBLISHED' ? 'See the record on the site' : 'See the record as published now'}
            </a>
            .
          </>
        )}
      </p>
      {change.decisionNote && (
        <p className="rounded border border-red-800 bg-red-50 p-3 whitespace-pre-line text-red-900">
          {noteFrom(change.decidedBy)} <WithSiteLinks text={change.decisionNote} />
        </p>
      )}
      {change.outdated && (
        <p role="status" className="rounded border border-amber-700 bg-amber-50 p-3 text-stone-900">
          {OUTDATED} Save the form (as it is, or revised) to see that change merged into it; saving again then proposes
          yours on the record as it is now.
        </p>
      )}
      {change.sentAgainAs && (
        <p className="text-stone-700">
          You sent it again: <a href={`/editor/changes/${change.sentAgainAs}`}>the newer change</a>.
        </p>
      )}
      {change.recordGone ? (
        <>
          <p className="text-stone-700">{RECORD_GONE}</p>
          {change.sentValues && <SentValues values={change.sentValues} />}
        </>
      ) : start ? (
        <>
          {/* The way out is at the foot of a long form: named where the page begins. */}
          {waiting && (
            <p className="text-stone-700">
              Revise it below and send it again, or <a href="#withdraw">withdraw it</a>.
            </p>
          )}
          {!waiting && (
            <p className="text-stone-700">
              The form holds what you sent. Put right what needs it, then send it: it goes for review as a new change.
            </p>
          )}
          <RecordForm recordType={change.recordType} start={start} />
        </>
      ) : (
        change.status !== 'PUBLISHED' &&
        !change.sentAgainAs && (
          <p className="text-stone-700">
            The form of this change was not kept (it was sent before forms were, or by a script), so it cannot be
            reopened here: {waiting ? 'withdraw it and send a new one to change it.' : 'send a new one from My work.'}
          </p>
        )
      )}
      {waiting && (
        <section aria-labelledby="withdraw" className="space-y-2 border-t border-stone-300 pt-4">
          <h2 id="withdraw" className="text-xl font-semibold">
            Withdraw it
          </h2>
          <p className="text-stone-700">
            It leaves the review queue. It stays in My work, from where you can send it again.
          </p>
          <WithdrawChange
            changeId={change.id}
            draft={
              DRAFT_KIND[change.recordType]
                ? { kind: DRAFT_KIND[change.recordType]!, id: change.recordId ?? change.id }
                : undefined
            }
          />
        </section>
      )}
      <p>
        <a href="/editor">Back to My work</a>
      </p>
    </div>
  );
}

/** The form's own fields, not what the editor typed: which record and version it was, the change it revised. */
const FORM_WORKINGS = new Set(['recordId', 'baseVersion', 'changeId', 'fromChange', 'seen', 'keptSourceIds']);

/**
 * What a change that can no longer be sent proposed, field by field as typed, for the editor to
 * take to the record it went to. Ids (a chosen agency) are left out: the names typed are there.
 */
function SentValues({ values }: { values: Record<string, string> }) {
  const shown = Object.entries(values).filter(
    ([name, value]) =>
      !FORM_WORKINGS.has(name) &&
      value.trim() !== '' &&
      !value
        .trim()
        .split(/\s+/)
        .every((line) => CUID.test(line)),
  );
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="sent" className="space-y-2">
      <h2 id="sent" className="text-xl font-semibold">
        What you proposed
      </h2>
      <p className="text-stone-700">As you sent it: copy what still holds into a change to the record it went to.</p>
      <dl className="space-y-2 rounded border border-stone-300 bg-white p-3">
        {shown.map(([name, value]) => (
          <div key={name}>
            <dt className="font-medium">{fieldLabel(name)}</dt>
            <dd className="whitespace-pre-line wrap-anywhere">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
