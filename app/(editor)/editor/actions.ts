'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { DRAFT_KIND } from '@/lib/draft-kinds';
import type { FormState } from '@/components/forms/fields';
import { currentUser, sessionAccountDisabled, type SessionUser } from '@/lib/auth/session';
import { signOut } from '@/lib/auth';
import {
  publishChange,
  rejectChange,
  revertRecord,
  submitChange,
  withdrawChange,
  setArchived,
  type ChangeForm,
  type EditableType,
} from '@/lib/data/changes';
import { ACCOUNT_DISABLED_MESSAGE, refusalOf, SESSION_ENDED_MESSAGE } from '@/lib/form-refusal';
import { contractIds, field, lines, namedParties, sources } from '@/lib/forms/record-form-data';
import { queueFilterQuery } from '@/lib/validation/review-queue';
import { refreshPublicPages } from '@/lib/refresh';
import { resolveCompanyName, resolveOrganizationName } from '@/lib/data/form-lookups';
import { historyPath, historySegment } from '@/lib/history-paths';
import { currentEditStart } from '@/lib/data/edit-forms';
import { OPENED_VALUES_FIELD, mergeEdit, parseOpenedValues } from '@/lib/edit-merge';
import { answer } from '@/lib/forms/postback';

/*
 * Thin Server Actions: read the form, call one data function (which checks the session's role
 * and validates), refresh the cache tags it touched, redirect or return the form's state. The
 * user and their role always come from the session, never from the form.
 */

/**
 * The most of one field a refused form is given back with, ten times the longest any field takes
 * (a description's 10,000 characters): a long paste comes back whole to be shortened, and a field
 * longer still comes back cut, and says so (`cutFields`).
 */
const GIVEN_BACK = 100_000;

/** The form's own fields as sent, whole: not the framework's ($…), nor the values it opened with. */
function sentFields(formData: FormData): [string, string][] {
  return [...new Set(formData.keys())]
    .filter((key) => !key.startsWith('$') && key !== OPENED_VALUES_FIELD)
    .map((key) => [key, formData.getAll(key).map(String).join('\n')]);
}

function typedValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(sentFields(formData).map(([key, value]) => [key, value.slice(0, GIVEN_BACK)]));
}

/** A refusal's messages, with a word on each field sent longer than the form is given back with. */
function cutFields(
  formData: FormData,
  fields: Record<string, string[]> | undefined,
): Record<string, string[]> | undefined {
  const cut = sentFields(formData).filter(([, value]) => value.length > GIVEN_BACK);
  if (cut.length === 0) return fields;
  const withCuts = { ...fields };
  for (const [key, value] of cut) {
    withCuts[key] = [
      ...(withCuts[key] ?? []),
      `This held ${value.length.toLocaleString('en-US')} characters when it was sent: only the first ${GIVEN_BACK.toLocaleString('en-US')} are given back here.`,
    ];
  }
  return withCuts;
}

async function submit(
  formData: FormData,
  recordType: EditableType,
  payload: () => Promise<unknown>,
  done: string,
): Promise<FormState> {
  const refused = await attempt(formData, SESSION_ENDED_MESSAGE, async (user) => {
    const recordId = field(formData, 'recordId') || undefined;
    const baseVersion = recordId ? Number(field(formData, 'baseVersion')) : undefined;
    await submitChange({
      user,
      recordType,
      recordId,
      baseVersion: Number.isInteger(baseVersion) ? baseVersion : undefined,
      payload: await payload(),
      note: field(formData, 'note'),
      changeId: field(formData, 'changeId') || undefined,
      changeSeen: field(formData, 'changeSeen') || undefined,
      form: sentForm(formData),
    });
  });
  if (refused)
    return answer(
      formData,
      refused.conflict?.version === undefined ? refused : mergedWithTheirs(formData, recordType, refused),
    );
  // The form kept a draft in the browser (a new record's per kind, a change's per record, a
  // reopened new record's per change): the confirmation tells it to forget it.
  const draftId = field(formData, 'recordId') || field(formData, 'draftId');
  redirect(draftId ? `${done}&draft=sent&record=${encodeURIComponent(draftId)}` : `${done}&draft=sent`);
}

/** The form as sent, kept with the change to reopen it: its fields, and the record's values it opened with. */
function sentForm(formData: FormData): ChangeForm | undefined {
  const values = typedValues(formData);
  for (const hidden of ['recordId', 'baseVersion', 'changeId', 'changeSeen', 'draftId', 'reopened'])
    delete values[hidden];
  const opened = parseOpenedValues(String(formData.get(OPENED_VALUES_FIELD) ?? ''));
  const from = field(formData, 'reopened') || undefined;
  // Kept only when it can be read back (no form of this site comes near the limits).
  if (!parseOpenedValues(JSON.stringify(values))) return from ? { values: {}, from } : undefined;
  // (Stored so, the change is marked sent again but reopens nothing: see `keptForm`.)
  return { values, ...(opened ? { opened } : {}), ...(from ? { from } : {}) };
}

/**
 * A save refused because another person's change was published since the form was opened: the
 * form comes back merged with that change (`mergeEdit`), and carries the values it is now based on
 * for the next refusal. A form that did not send what it opened with is given back as typed.
 */
async function mergedWithTheirs(formData: FormData, recordType: EditableType, refused: FormState): Promise<FormState> {
  const opened = parseOpenedValues(String(formData.get(OPENED_VALUES_FIELD) ?? ''));
  const current = await currentEditStart(recordType, field(formData, 'recordId'));
  if (!opened || !current || !refused.conflict || !refused.values) return refused;
  const merged = mergeEdit({ typed: refused.values, opened, current: current.values });
  const merges = merged.taken.length + Object.keys(merged.clashes).length;
  return {
    ...refused,
    message: !merges
      ? refused.message
      : refused.conflict.own
        ? 'A change of yours to this record was published after you opened this form. The fields it changed that this form had not now hold its values; where both changed a field, this form’s value is kept and the published one is given next to it. Check the form, then save again to propose it.'
        : refused.conflict.earlier
          ? `This record was changed ${refused.conflict.earlier + 1} times after you began this change (the last by ${refused.conflict.by === 'someone' ? 'someone' : refused.conflict.by}), and those changes are published. The fields changed that you had not now hold the record’s values; where you both changed a field, yours is kept and the record’s is given next to it. Check the form, then save again to propose it.`
          : `${refused.conflict.by === 'someone' ? 'Someone' : refused.conflict.by} changed this record after you began this change, and their change is published. The fields they changed that you had not now hold their values; where you both changed a field, yours is kept and theirs is given next to it. Check the form, then save again to propose it.`,
    values: merged.values,
    merge: { taken: merged.taken, clashes: merged.clashes },
    conflict: { ...refused.conflict, version: current.baseVersion, opened: current.values },
  };
}

/**
 * Runs a form's write as the session's user. Returns the form's state when it did not happen
 * (signed out, refused, the database away), with what was typed; undefined when it did.
 */
async function attempt(
  formData: FormData,
  signedOut: string,
  work: (user: SessionUser) => Promise<void>,
): Promise<FormState | undefined> {
  try {
    const user = await currentUser();
    if (!user) {
      if (await sessionAccountDisabled()) return { message: ACCOUNT_DISABLED_MESSAGE, values: typedValues(formData) };
      return { message: signedOut, values: typedValues(formData), signIn: true };
    }
    await work(user);
    return undefined;
  } catch (error) {
    const refusal = await refusalOf(error);
    if (refusal) return { ...refusal, fields: cutFields(formData, refusal.fields), values: typedValues(formData) };
    throw error;
  }
}

export async function submitDonationResponseAction(_state: FormState, formData: FormData): Promise<FormState> {
  return submit(
    formData,
    'DONATION_RESPONSE',
    async () => ({
      company: await resolveCompanyName(field(formData, 'company'), formData.get('companyIsNew') === 'on'),
      organization: await resolveOrganizationName(
        field(formData, 'organization'),
        formData.get('organizationIsNew') === 'on',
      ),
      date: field(formData, 'date'),
      response: field(formData, 'response'),
      amount: field(formData, 'amount'),
      currency: field(formData, 'currency') || 'USD',
      amountUndisclosed: formData.get('amountUndisclosed') === 'on',
      reason: field(formData, 'reason'),
      quote: field(formData, 'quote'),
      quoteAttribution: field(formData, 'quoteAttribution'),
      contractIds: contractIds(formData),
      sources: sources(formData),
    }),
    '/editor?submitted=donation',
  );
}

/**
 * The boxes ticked in a list the form offers (its hidden empty field says it does, ticked or not);
 * undefined for a form from before it offered the list, which leaves the record's as they are.
 */
const offeredChoices = (formData: FormData, name: string): string[] | undefined =>
  formData.has(name) ? formData.getAll(name).map(String).filter(Boolean) : undefined;

export async function submitEmployeeActionAction(_state: FormState, formData: FormData): Promise<FormState> {
  return submit(
    formData,
    'EMPLOYEE_ACTION',
    async () => ({
      title: field(formData, 'title'),
      description: field(formData, 'description'),
      date: field(formData, 'date'),
      companies: await namedParties(formData, 'companies', 'companiesAreNew', resolveCompanyName),
      organizations: await namedParties(formData, 'organizations', 'organizationsAreNew', resolveOrganizationName),
      formSlugs: formData.getAll('formSlugs').map(String),
      issueSlugs: formData.getAll('issueSlugs').map(String),
      tagSlugs: offeredChoices(formData, 'tagSlugs'),
      employmentTypeSlugs: offeredChoices(formData, 'employmentTypeSlugs'),
      // A place a line; offered since 7 December: a form from before leaves the record's as they are.
      ...(formData.has('places') && {
        places: field(formData, 'places')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      }),
      participantsMin: field(formData, 'participantsMin') || null,
      participantsMax: field(formData, 'participantsMax') || null,
      participantsText: field(formData, 'participantsText'),
      demands: field(formData, 'demands'),
      outcome: field(formData, 'outcome') || 'UNKNOWN',
      outcomeNote: field(formData, 'outcomeNote'),
      contractIds: contractIds(formData),
      sources: sources(formData),
    }),
    '/editor?submitted=action',
  );
}

export async function submitCompanyAction(_state: FormState, formData: FormData): Promise<FormState> {
  return submit(
    formData,
    'COMPANY',
    async () => ({
      name: field(formData, 'name'),
      confirmNew: formData.get('confirmNew') === 'on',
      sector: field(formData, 'sector'),
      hqCountry: field(formData, 'hqCountry'),
      website: field(formData, 'website'),
      ticker: field(formData, 'ticker'),
      description: field(formData, 'description'),
      aliases: lines(field(formData, 'aliases')).slice(0, 21),
      // Only a company on record: a name that is none is refused, with the names it is like. A form
      // without the field (opened before forms gave it) leaves the parent as it is.
      parent: formData.has('parent') ? await resolveCompanyName(field(formData, 'parent'), false) : undefined,
      sources: sources(formData),
    }),
    '/editor?submitted=company',
  );
}

export async function submitContractAction(_state: FormState, formData: FormData): Promise<FormState> {
  return submit(
    formData,
    'CONTRACT',
    async () => ({
      company: await resolveCompanyName(field(formData, 'company'), formData.get('companyIsNew') === 'on'),
      agencyId: field(formData, 'agencyId'),
      subAgencyId: field(formData, 'subAgencyId') || null,
      title: field(formData, 'title'),
      purpose: field(formData, 'purpose'),
      piid: field(formData, 'piid'),
      obligatedAmount: field(formData, 'obligatedAmount'),
      potentialAmount: field(formData, 'potentialAmount'),
      currency: field(formData, 'currency') || 'USD',
      awardDate: field(formData, 'awardDate') || null,
      contractStatus: field(formData, 'contractStatus') || 'UNKNOWN',
      statusSince: field(formData, 'statusSince') || null,
      // Offered since 7 December: a form from before leaves the record's period as it is.
      ...(formData.has('periodStart') && { periodStart: field(formData, 'periodStart') || null }),
      ...(formData.has('periodEnd') && { periodEnd: field(formData, 'periodEnd') || null }),
      sources: sources(formData),
    }),
    '/editor?submitted=contract',
  );
}

export async function submitStatementAction(_state: FormState, formData: FormData): Promise<FormState> {
  return submit(
    formData,
    'COMPANY_STATEMENT',
    async () => ({
      company: await resolveCompanyName(field(formData, 'company'), formData.get('companyIsNew') === 'on'),
      date: field(formData, 'date'),
      kind: field(formData, 'kind'),
      summary: field(formData, 'summary'),
      quote: field(formData, 'quote'),
      speaker: field(formData, 'speaker'),
      contractId: contractIds(formData, 'contractId')[0] ?? null,
      sources: sources(formData),
    }),
    '/editor?submitted=statement',
  );
}

export async function submitAgencyAction(_state: FormState, formData: FormData): Promise<FormState> {
  return submit(
    formData,
    'AGENCY',
    async () => ({
      name: field(formData, 'name'),
      confirmNew: formData.get('confirmNew') === 'on',
      acronym: field(formData, 'acronym'),
      aliases: lines(field(formData, 'aliases')).slice(0, 21),
      parentId: field(formData, 'parentId') || null,
      country: field(formData, 'country') || 'US',
      level: field(formData, 'level'),
      website: field(formData, 'website'),
      sources: sources(formData),
    }),
    '/editor?submitted=agency',
  );
}

export async function submitOrganizationAction(_state: FormState, formData: FormData): Promise<FormState> {
  return submit(
    formData,
    'ORGANIZATION',
    async () => ({
      name: field(formData, 'name'),
      confirmNew: formData.get('confirmNew') === 'on',
      acronym: field(formData, 'acronym'),
      kind: field(formData, 'kind'),
      country: field(formData, 'country'),
      website: field(formData, 'website'),
      description: field(formData, 'description'),
      sources: sources(formData),
    }),
    '/editor?submitted=organization',
  );
}

/**
 * The answer to a reviewer's step (publish, reject, restore, archive, bring back) that did not
 * happen. The page is rendered again behind it: refused because the change or the record moved on
 * since the page was opened, the step must be taken on what it is now, and the page then shows it,
 * with the hidden fields (what was seen, the version) the next try sends. Without it every later
 * try was refused the same way until the page was reloaded by hand. (A form the browser posted
 * itself gets a whole new page anyway.)
 */
async function answerStep(formData: FormData, state: FormState): Promise<FormState> {
  refresh();
  return answer(formData, state);
}

/** A reviewer restores an earlier version kept in a record's history. */
export async function revertAction(_state: FormState, formData: FormData): Promise<FormState> {
  let restored: Awaited<ReturnType<typeof revertRecord>> | undefined;
  const refused = await attempt(formData, 'Sign in again to restore a version.', async (user) => {
    restored = await revertRecord({
      user,
      revisionId: field(formData, 'revisionId'),
      // Checked by revertRecord, like every other field.
      side: field(formData, 'side') as 'before' | 'after',
      baseVersion: Number(field(formData, 'baseVersion')),
      reason: field(formData, 'reason'),
    });
  });
  if (refused || !restored) return answerStep(formData, refused ?? {});
  refreshPublicPages(restored.tags);
  redirect(`${historyPath(restored.recordType, restored.recordId)}?restored=${restored.version}`);
}

/** A reviewer takes an incident off the public pages, or brings an archived one back. */
export async function archiveAction(_state: FormState, formData: FormData): Promise<FormState> {
  const archive = field(formData, 'step') === 'archive';
  const done: { record?: Awaited<ReturnType<typeof setArchived>> } = {};
  const refused = await attempt(
    formData,
    archive ? 'Sign in again to archive it.' : 'Sign in again to bring it back.',
    async (user) => {
      done.record = await setArchived({
        user,
        archive,
        recordType: field(formData, 'recordType'),
        recordId: field(formData, 'recordId'),
        baseVersion: Number(field(formData, 'baseVersion')),
        reason: field(formData, 'reason'),
      });
    },
  );
  if (refused || !done.record) return answerStep(formData, refused ?? {});
  refreshPublicPages(done.record.tags);
  const declined = done.record.declined ? `&declined=${done.record.declined}` : '';
  redirect(
    `${historyPath(done.record.recordType, done.record.recordId)}?${archive ? 'archived' : 'returned'}=1${declined}`,
  );
}

export async function publishAction(_state: FormState, formData: FormData): Promise<FormState> {
  const done: { published?: Awaited<ReturnType<typeof publishChange>> } = {};
  const refused = await attempt(formData, 'Sign in again to review.', async (user) => {
    done.published = await publishChange({
      user,
      changeId: field(formData, 'changeId'),
      seen: field(formData, 'seen'),
    });
  });
  if (refused || !done.published) return answerStep(formData, refused ?? {});
  // Expire exactly the cached pages the change touched, so it shows at once to everyone.
  refreshPublicPages(done.published.tags);
  // The queue (as it was filtered) says so, with a link to the record as the public now sees it.
  redirect(
    `/review?${queueFrom(formData)}published=${historySegment(done.published.recordType)}&record=${done.published.recordId}`,
  );
}

export async function rejectAction(_state: FormState, formData: FormData): Promise<FormState> {
  const refused = await attempt(formData, 'Sign in again to review.', async (user) => {
    await rejectChange({
      user,
      changeId: field(formData, 'changeId'),
      reason: field(formData, 'reason'),
      seen: field(formData, 'seen'),
    });
  });
  if (refused) return answerStep(formData, refused);
  redirect(`/review?${queueFrom(formData)}rejected=1`);
}

/** The queue's filters a change's page was opened with, checked again (the form's field is only text), then `&`. */
function queueFrom(formData: FormData): string {
  const query = queueFilterQuery(Object.fromEntries(new URLSearchParams(field(formData, 'queue'))));
  return query ? `${query}&` : '';
}

/**
 * An editor takes back their own change while it waits for review. The browser's draft of its
 * form (kept per record, or per change for a new record) goes with it: the confirmation forgets it.
 */
export async function withdrawAction(_state: FormState, formData: FormData): Promise<FormState> {
  const changeId = field(formData, 'changeId');
  const done: { change?: Awaited<ReturnType<typeof withdrawChange>> } = {};
  const refused = await attempt(formData, 'Sign in again to withdraw it.', async (user) => {
    done.change = await withdrawChange({ user, changeId });
  });
  if (refused || !done.change) return answer(formData, refused ?? {});
  const kind = DRAFT_KIND[done.change.recordType];
  const draftId = done.change.recordId ?? changeId;
  redirect(kind ? `/editor?withdrawn=${kind}&draft=sent&record=${encodeURIComponent(draftId)}` : '/editor?withdrawn=1');
}

/** Signs out here and everywhere else (Auth.js's sign-out event ends the other sessions: lib/auth/sign-out.ts). */
export async function signOutAction() {
  await signOut({ redirectTo: '/' });
}
