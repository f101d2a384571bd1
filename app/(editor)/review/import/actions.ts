'use server';

import { currentUser, sessionAccountDisabled } from '@/lib/auth/session';
import { cacheTags } from '@/lib/cache-tags';
import { accountDisabledSays, DATABASE_UNAVAILABLE_MESSAGE, refusalOf, WRITE_CLASH_MESSAGE } from '@/lib/form-refusal';
import { answer } from '@/lib/forms/postback';
import { refreshPublicPages } from '@/lib/refresh';
import { refresh } from 'next/cache';
import { importUsaspendingUpload, setRecipientAside } from '@/lib/data/usaspending-upload';

export interface ImportState {
  message?: string;
  problems?: string[];
  report?: {
    /** The file was checked only: what importing it would do, nothing written. */
    checkedOnly: boolean;
    rows: number;
    created: number;
    agencies: string[];
    updated: number;
    /** Contracts whose editors' corrections were kept where the file says otherwise, the first with their fields. */
    kept: number;
    keptRows: { awardKey: string; contractId: string; fields: string[] }[];
    /** Contracts kept with their company: records of its group cite them (the file names another's). */
    keptHolders: { awardKey: string; contractId: string; citedBy: string }[];
    /** Contracts created that a contract entered by hand may already stand for: for a reviewer to compare. */
    maybeEnteredByHand: { awardKey: string; contractId: string; enteredId: string }[];
    maybeEnteredByHandCount: number;
    /** Awards left as they were: the file is older than the one they were last imported from. */
    older: number;
    olderRows: { awardKey: string; contractId: string; file: string; stored: string }[];
    unchanged: number;
    /** Awards whose contract a reviewer archived: left so, not updated, the first listed. */
    archived: number;
    archivedRows: { awardKey: string; contractId: string }[];
    /** Agencies the file names under a department that were left without one, and why. */
    keptWithoutParent: { name: string; department: string; reason: string }[];
    subAgenciesOfOthers: { name: string; department: string; under: string; rows: number }[];
    /** The recipients that matched no company, and their rows: listed on the page, kept between imports. */
    unmatchedCount: number;
    /**
     * Of a check, the first recipients matching no company (not set aside), with the company each may
     * be: an import puts them on the page's list of those waiting, which a check leaves as it was.
     */
    unmatched: { name: string; rows: number; perhaps: string | null; perhapsHolds: boolean; stored: number }[];
    unmatchedRows: number;
    /** Of those rows, the ones whose contract is on record already (from an earlier import), left as it was. */
    unmatchedStored: number;
    /** Of those recipients, the ones a reviewer set aside before (not followed), and their rows: no work waits on them. */
    unmatchedAsideCount: number;
    unmatchedAsideRows: number;
    /** The first recipients whose rows were imported, each with its company (and the parent it was found by). */
    matched: { name: string; company: { name: string; slug: string }; byParent: string | null; rows: number }[];
    matchedCount: number;
    review: number;
    /** The first rows left for review and values left out, each with its line and why. */
    reviewRows: { line: number; awardKey: string; reason: string }[];
    leftOut: { line: number; awardKey: string; column: string; value: string; reason: string }[];
    leftOutCount: number;
  };
}

/**
 * The rows and values the report lists one by one; the rest are counted. The page's script sends the
 * state back with the next upload, which the proxy measures with the file (lib/upload-limit.ts).
 */
const LISTED = 20;

export async function importUsaspendingAction(_state: ImportState, formData: FormData): Promise<ImportState> {
  return answer(formData, importFrom(formData));
}

/** The forms' words for a write not made, as an upload says them: a file input is not kept as typed text is. */
const UPLOAD_SAYS: Record<string, string> = {
  [WRITE_CLASH_MESSAGE]:
    'Another import or merge was busy with the same records at that moment, so nothing was imported. Choose the file again and import it in a moment.',
  [DATABASE_UNAVAILABLE_MESSAGE]:
    'The record’s database is not answering, so nothing was imported. Choose the file again and import it in a minute.',
};

async function importFrom(formData: FormData): Promise<ImportState> {
  const file = formData.get('file');
  // The form's "Check only" button; its "Import" button, or a form without either, imports.
  const checkOnly = formData.get('step') === 'check';
  try {
    const user = await currentUser();
    if (!user)
      return {
        message: (await sessionAccountDisabled())
          ? accountDisabledSays('nothing was imported')
          : 'Sign in again to import.',
      };
    const report = await importUsaspendingUpload(user, file instanceof File ? file : null, { checkOnly });
    if (!checkOnly) {
      // Contracts show on their companies' profiles and comparisons, whichever companies they are.
      refreshPublicPages([cacheTags.lists, cacheTags.companies]);
      // The page again with the answer: its list of recipients waiting for a company as this import left it.
      refresh();
    }
    return {
      report: {
        checkedOnly: report.checkedOnly,
        rows: report.rows,
        created: report.created.contracts,
        agencies: report.created.agencies,
        updated: report.updated.length,
        kept: report.kept.length,
        keptRows: report.kept.slice(0, LISTED),
        keptHolders: report.keptHolders.slice(0, LISTED),
        maybeEnteredByHand: report.maybeEnteredByHand.slice(0, LISTED),
        maybeEnteredByHandCount: report.maybeEnteredByHand.length,
        older: report.older.length,
        olderRows: report.older.slice(0, LISTED),
        unchanged: report.unchanged,
        archived: report.archived.length,
        archivedRows: report.archived.slice(0, LISTED),
        keptWithoutParent: report.agenciesKeptWithoutParent.slice(0, LISTED),
        subAgenciesOfOthers: report.subAgenciesOfOthers.slice(0, LISTED),
        unmatchedCount: report.unmatchedRecipients.length,
        unmatched: checkOnly
          ? report.unmatchedRecipients
              .filter((recipient) => !recipient.setAside)
              .slice(0, LISTED)
              .map(({ name, rows, perhaps, perhapsHolds, stored }) => ({ name, rows, perhaps, perhapsHolds, stored }))
          : [],
        unmatchedRows: report.unmatchedRecipients.reduce((sum, recipient) => sum + recipient.rows, 0),
        unmatchedStored: report.unmatchedRecipients.reduce((sum, recipient) => sum + recipient.stored, 0),
        unmatchedAsideCount: report.unmatchedRecipients.filter((recipient) => recipient.setAside).length,
        unmatchedAsideRows: report.unmatchedRecipients
          .filter((recipient) => recipient.setAside)
          .reduce((sum, recipient) => sum + recipient.rows, 0),
        matched: report.matchedRecipients.slice(0, LISTED),
        matchedCount: report.matchedRecipients.length,
        review: report.review.length,
        reviewRows: report.review.slice(0, LISTED),
        leftOut: report.leftOut.slice(0, LISTED),
        leftOutCount: report.leftOut.length,
      },
    };
  } catch (error) {
    const refusal = await refusalOf(error);
    if (refusal)
      return {
        message: UPLOAD_SAYS[refusal.message] ?? refusal.message,
        problems: Object.values(refusal.fields).flat(),
      };
    throw error;
  }
}

/** What a set-aside form answers: a refusal's message, or nothing (the page shows the lists as they now are). */
export interface AsideState {
  message?: string;
  /** What was done, said where the lists are: the button pressed leaves the page with the recipient it moved. */
  done?: string;
}

/**
 * A reviewer sets a recipient waiting for a company aside (one the record does not follow), or puts
 * one set aside back on the list of those waiting.
 */
export async function setRecipientAsideAction(_state: AsideState, formData: FormData): Promise<AsideState> {
  return answer(formData, asideFrom(formData));
}

async function asideFrom(formData: FormData): Promise<AsideState> {
  const name = formData.get('name');
  const step = formData.get('step');
  // Only the two steps there are: anything else changes nothing (not "put back" by default).
  if (step !== 'aside' && step !== 'back')
    return { message: 'The form asked for no step the list takes: nothing was changed.' };
  const aside = step === 'aside';
  try {
    const user = await currentUser();
    if (!user) {
      return {
        message: (await sessionAccountDisabled())
          ? accountDisabledSays('nothing was changed')
          : 'Sign in again to change the list.',
      };
    }
    const named = typeof name === 'string' ? name : '';
    const { moved } = await setRecipientAside(user, { name: named, aside });
    // The page again, with the recipient on the list it was moved to.
    refresh();
    // Its other spellings in the files move with it.
    const others = moved - 1;
    const spellings =
      others > 0 ? ` with ${others === 1 ? 'its other spelling' : `its ${others} other spellings`}` : '';
    return {
      done: aside
        ? `“${named}” set aside${spellings}: it is on the list of recipients set aside, and files naming it leave it there.`
        : `“${named}” put back${spellings}: it waits for a company again.`,
    };
  } catch (error) {
    const refusal = await refusalOf(error);
    if (refusal) return { message: refusal.message };
    throw error;
  }
}
