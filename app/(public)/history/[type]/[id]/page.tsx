import type { Metadata } from 'next';
import { Confirmation } from '@/components/ui/confirmation';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { ArchiveForm } from '@/components/editor/archive-form';
import { StepAnswerProvider } from '@/components/editor/step-answers';
import { RevertForm } from '@/components/editor/revert-form';
import { DiffTable } from '@/components/history/diff-table';
import { currentUser, hasRole } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { formatPreciseDate } from '@/lib/dates';
import type { RecordType } from '@/lib/generated/prisma/enums';
import {
  isRecordState,
  isStateful,
  readState,
  isRestorable,
  asRestored,
  sameFields,
  type RecordState,
} from '@/lib/data/record-state';
import { historyIdOfSlug, linkOf, mergedRecord, recordLinks } from '@/lib/data/record-links';
import { listRevisions, REVISIONS_SHOWN, termMergesFollowed } from '@/lib/data/review';
import { getRecord } from '@/lib/data/open-data';
import { archivedRecord, isArchivable, mergedSinceMessages } from '@/lib/data/changes';
import { historyContentsPublic, historyPath, historyRecordType } from '@/lib/history-paths';
import { plural, summarize } from '@/lib/text';
import { DateTime } from '@/components/ui/date-time';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ type: string; id: string }>;
}): Promise<Metadata> {
  const { type, id } = await params;
  const recordType = historyRecordType(type);
  const known = recordType && /^[a-z0-9]{20,40}$/.test(id) ? await whose(recordType, id) : undefined;
  return { title: known ? `History of ${known.name}` : 'History', robots: { index: false } };
}

// Metadata and page ask for the same link: one lookup per request.
const publicLink = cache(async (recordType: RecordType, id: string) =>
  linkOf(await recordLinks([{ type: recordType, id }]), recordType, id),
);

/**
 * The name a history page may give its record: a published record's, or a merged company's or
 * organisation's (with the survivor's page); none for a record the public cannot see.
 */
const whose = cache(async (recordType: RecordType, id: string) => {
  const link = await publicLink(recordType, id);
  if (link) return { name: await withDate(recordType, id, link.name), link, mergedInto: undefined };
  const merged = await mergedRecord(recordType, id);
  return merged ? { name: merged.name, link: undefined, mergedInto: merged.into } : undefined;
});

/**
 * An action's title with its date, as its page gives it: many actions share a title ("Open letter
 * involving Microsoft"), and a history's title is what a tab and a bookmark go by. Others as named.
 */
async function withDate(recordType: RecordType, id: string, name: string): Promise<string> {
  if (recordType !== 'EMPLOYEE_ACTION') return name;
  const action = await db.employeeAction.findUnique({
    where: { id },
    select: { startDate: true, datePrecision: true },
  });
  return action ? `${name} (${formatPreciseDate(action.startDate, action.datePrecision)})` : name;
}

/** What a version of a record calls it: its name, its title, or its summary's first words. */
function nameIn(fields: Record<string, unknown>): string | undefined {
  const named = [fields.name, fields.title, fields.summary].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  return named === undefined ? undefined : summarize(named, 80);
}

const KIND: Record<string, string> = {
  CREATE: 'Created',
  UPDATE: 'Changed',
  SUBMIT: 'Submitted',
  PUBLISH: 'Published',
  REJECT: 'Rejected',
  ARCHIVE: 'Archived',
  RESTORE: 'Brought back to the public pages',
  REVERT: 'Restored an earlier version',
  MERGE: 'Merged',
  IMPORT: 'Imported',
};

/** The version a step left the record at: a kept state's, or that of the row an import or the seed created. */
function versionAfter(after: unknown): number | null {
  if (isRecordState(after)) return after.version;
  const version = after && typeof after === 'object' ? (after as { version?: unknown }).version : undefined;
  return Number.isInteger(version) ? (version as number) : null;
}

/** A kept state as readable JSON: its fields (the version is said in words). */
const shown = (value: unknown) =>
  value === null || value === undefined
    ? 'Nothing'
    : JSON.stringify(isRecordState(value) ? { version: value.version, ...value.fields } : value, null, 2);

/** What a step kept before and after, as the data it is stored as. */
function KeptData({ before, after }: { before: unknown; after: unknown }) {
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <pre className="overflow-x-auto whitespace-pre-wrap break-words bg-stone-50 p-2">
        {before ? shown(before) : 'Nothing before'}
      </pre>
      <pre className="overflow-x-auto whitespace-pre-wrap break-words bg-stone-50 p-2">
        {after ? shown(after) : 'Nothing after'}
      </pre>
    </div>
  );
}

/** The id of the company or organisation a merge step brought in (`{ mergedFrom: id }`, lib/data/admin.ts). */
function mergedFrom(after: unknown): string | null {
  const id = after && typeof after === 'object' ? (after as { mergedFrom?: unknown }).mergedFrom : null;
  return typeof id === 'string' && /^[a-z0-9]{20,40}$/.test(id) ? id : null;
}

/** Whether a step kept fields it did not change (a whole version), worth a table beside its changes. */
const moreKept = (revision: { kept: unknown[]; changes: unknown[] }) => revision.kept.length > revision.changes.length;

/**
 * Every change to a record: who, when, what it was before and after, and why. Public. Reviewers
 * also see, next to each version the history keeps in full, a form to restore it.
 */
/**
 * A history address that names its company, agency or organisation by the slug of its page
 * (/history/company/salesforce) leads to the history itself; any other is not found.
 */
async function toHistoryOfSlug(recordType: RecordType, slug: string): Promise<never> {
  const id = await historyIdOfSlug(recordType, slug);
  // Not for ever: a slug may come to name another record (a company renamed, another given its old name).
  if (id) redirect(historyPath(recordType, id));
  notFound();
}

export default async function HistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ type: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { type, id } = await params;
  const recordType = historyRecordType(type);
  if (!recordType) notFound();
  if (!/^[a-z0-9]{20,40}$/.test(id)) return toHistoryOfSlug(recordType, id);
  const [revisions, user, { restored, archived: justArchived, returned, declined }, known, archived] =
    await Promise.all([
      listRevisions(recordType, id),
      currentUser(),
      searchParams,
      whose(recordType, id),
      isArchivable(recordType) ? archivedRecord(recordType, id) : null,
    ]);
  if (revisions.length === 0) return toHistoryOfSlug(recordType, id);
  // A history longer than the page lists: its steps numbered from the first all the same, and said so.
  const steps =
    revisions.length < REVISIONS_SHOWN
      ? revisions.length
      : await db.revision.count({ where: { recordType, recordId: id } });
  const reviewer = user && hasRole(user, 'REVIEWER') && isStateful(recordType);
  // An archived record is brought back as it is, not changed, and a merged one lives on in the one
  // it was merged into: neither is offered its earlier versions (restoring them is refused).
  const [state, live] = reviewer
    ? await Promise.all([readState(db, recordType, id), isRestorable(recordType, id)])
    : [null, false];
  const current = live ? state : null;
  // What an archived record said stays with reviewers (it may be what should not have been
  // public), as does what a record never published says; everyone sees its steps: who, when and why.
  const shownToAll = historyContentsPublic({
    archived: Boolean(archived),
    public: recordType === 'SOURCE' ? (await getRecord('sources', id)) !== null : known !== undefined,
  });
  const contentsShown = shownToAll || Boolean(user && hasRole(user, 'REVIEWER'));
  // The record's name: the public's, or, for a reviewer, what its current version calls it (an
  // archived record, or one never published, has no public name).
  const name = known?.name ?? (state ? nameIn(state.fields) : undefined);
  // A version that differs only by terms merged since into one the record has is the record as it is:
  // its restore would change nothing (and is refused), so none is offered.
  const followed = current ? await termMergesFollowed() : (fields: Record<string, unknown>) => fields;
  const sameAsCurrent = (state: RecordState) =>
    Boolean(current && sameFields(asRestored(recordType, followed(state.fields), current.fields), current.fields));
  // Each version's address (#version-3, which a page's citation links to): the step that made it.
  // (A record's first step made version 1 whether or not it says so: an import of before it did.)
  const versionOf = new Map<string, number>();
  const versionAnchors = new Map<string, string>();
  const anchored = new Set<number>();
  [...revisions].reverse().forEach((revision, index) => {
    const version =
      versionAfter(revision.after) ??
      (index === 0 && revisions.length < REVISIONS_SHOWN && ['CREATE', 'IMPORT'].includes(revision.kind) ? 1 : null);
    if (version === null) return;
    versionOf.set(revision.id, version);
    if (anchored.has(version)) return;
    anchored.add(version);
    versionAnchors.set(revision.id, `version-${version}`);
  });
  // Each version once: from the newest revision that kept it in full. One that names a company or
  // organisation merged since cannot be restored (the restore is refused): it says why instead.
  const offered = new Set<number>();
  const offers = revisions.map((revision) =>
    (['after', 'before'] as const).flatMap((side) => {
      const value = revision[side];
      if (!current || !isRecordState(value) || offered.has(value.version) || sameAsCurrent(value)) return [];
      offered.add(value.version);
      return [{ side, state: value }];
    }),
  );
  const allOffers = offers.flat();
  const blocked = current
    ? await mergedSinceMessages(
        db,
        allOffers.map(({ state }) => state.fields),
      )
    : [];
  const whyNot = new Map(allOffers.map(({ state }, index) => [state.version, blocked[index] ?? null]));
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">{name ? `History of ${name}` : 'History'}</h1>
      {known?.link && (
        <p>
          <a href={known.link.href}>See it as the public sees it now</a>
        </p>
      )}
      {/* A reviewer comes here from the queue (a change's record) and goes back to it: the public pages have no menu for that. */}
      {user && hasRole(user, 'REVIEWER') && (
        <p>
          <a href="/review">Back to the review queue</a>
        </p>
      )}
      {known?.mergedInto && (
        <p>
          Merged into <a href={known.mergedInto.href}>{known.mergedInto.name}</a>, where its records are now.
        </p>
      )}
      {/* The answer to a refused step whose form the page, shown as it now is, no longer has. */}
      <StepAnswerProvider>
        {typeof restored === 'string' && /^\d{1,9}$/.test(restored) && (
          <Confirmation>Restored. The record is now version {restored}; the public pages show it.</Confirmation>
        )}
        {justArchived === '1' && (
          <Confirmation>
            Archived. It has left the public pages; its address says why.
            {typeof declined === 'string' && /^[1-9]\d{0,3}$/.test(declined) && (
              <>
                {' '}
                {plural(Number(declined), 'change', 'changes')} waiting for review on it{' '}
                {declined === '1' ? 'was' : 'were'} declined, with this reason for{' '}
                {declined === '1' ? 'its author' : 'their authors'}.
              </>
            )}
          </Confirmation>
        )}
        {returned === '1' && <Confirmation>Brought back. The public pages show it again.</Confirmation>}
        {archived && (
          <p className="rounded border border-stone-400 bg-stone-100 p-3 text-stone-900">
            Archived on <DateTime value={archived.at} />: it is not on the public pages.
            {archived.reason && ` Why: ${archived.reason}`}
            {!contentsShown && ' What its versions said is shown to reviewers only; its steps stay listed here.'}
          </p>
        )}
        {!archived && !contentsShown && (
          <p className="rounded border border-stone-400 bg-stone-100 p-3 text-stone-900">
            It is not on the public pages: what its versions said is shown to reviewers only; its steps stay listed
            here.
          </p>
        )}
        {state && archived && (
          <ArchiveForm step="restore" recordType={recordType} recordId={id} baseVersion={state.version} />
        )}
        {current && (
          <p className="text-stone-700">
            The record is at version {current.version}. You can restore any version the history keeps in full.
          </p>
        )}
        {current && isArchivable(recordType) && (
          <ArchiveForm step="archive" recordType={recordType} recordId={id} baseVersion={current.version} />
        )}
        {steps > revisions.length && (
          <p className="rounded border border-stone-400 bg-stone-100 p-3 text-stone-900">
            Its latest {revisions.length} steps of {steps.toLocaleString('en-US')} are listed here; the{' '}
            {(steps - revisions.length).toLocaleString('en-US')} before them are kept, though not listed.
          </p>
        )}
        <ol className="space-y-4">
          {revisions.map((revision, index) => (
            <li
              key={revision.id}
              id={versionAnchors.get(revision.id)}
              className="scroll-mt-4 rounded border border-stone-300 bg-white p-3 target:border-stone-800 target:ring-2 target:ring-stone-800"
            >
              {/* A heading, so that a screen reader goes from step to step as a reader's eye does. */}
              <h2 className="text-base font-medium">
                {KIND[revision.kind] ?? revision.kind} by {revision.who}, <DateTime value={revision.createdAt} />
                {versionOf.has(revision.id) && (
                  <span className="text-stone-700"> (version {versionOf.get(revision.id)})</span>
                )}
              </h2>
              {revision.reason && <p className="whitespace-pre-line text-stone-700">{revision.reason}</p>}
              {revision.kind === 'MERGE' && mergedFrom(revision.after) && (
                <p>
                  <a href={historyPath(recordType, mergedFrom(revision.after)!)}>
                    History of{' '}
                    {revision.changes.find((line) => line.field === 'mergedFrom')?.after ?? `the ${type} merged in`}
                  </a>
                  : its own steps, kept whole up to the merge.
                </p>
              )}
              {contentsShown && revision.changes.length > 0 && (
                <DiffTable
                  lines={revision.changes}
                  // Numbered from the first step, so that each table (a landmark where it scrolls) has its own name.
                  caption={`Step ${steps - index}: what it changed, field by field`}
                  beforeLabel="Before"
                  afterLabel="After"
                />
              )}
              {!contentsShown ? null : moreKept(revision) ? (
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer py-1">Everything step {steps - index} kept</summary>
                  <DiffTable
                    lines={revision.kept}
                    caption={`Step ${steps - index}: everything it kept, field by field`}
                    beforeLabel="Before"
                    afterLabel="After"
                  />
                  <details className="mt-1">
                    <summary className="cursor-pointer py-1">The same, as data</summary>
                    <KeptData before={revision.before} after={revision.after} />
                  </details>
                </details>
              ) : (
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer py-1">Everything step {steps - index} kept, as data</summary>
                  <KeptData before={revision.before} after={revision.after} />
                </details>
              )}
              {current &&
                offers[index]?.map(({ side, state }) =>
                  whyNot.get(state.version) ? (
                    <p key={side} className="mt-2 text-sm text-stone-700">
                      Version {state.version} cannot be restored as it was. {whyNot.get(state.version)}
                    </p>
                  ) : (
                    <RevertForm
                      key={side}
                      revisionId={revision.id}
                      side={side}
                      version={state.version}
                      baseVersion={current.version}
                    />
                  ),
                )}
            </li>
          ))}
        </ol>
      </StepAnswerProvider>
    </div>
  );
}
