'use server';

import { currentUser } from '@/lib/auth/session';
import { cacheTags } from '@/lib/cache-tags';
import { refusalOf } from '@/lib/form-refusal';
import { answer } from '@/lib/forms/postback';
import { refreshPublicPages } from '@/lib/refresh';
import { companiesNamed, importUsaspendingUpload } from '@/lib/data/usaspending-upload';

export interface ImportState {
  message?: string;
  problems?: string[];
  report?: {
    rows: number;
    created: number;
    agencies: string[];
    updated: number;
    /** Contracts whose editors' corrections were kept where the file says otherwise, the first with their fields. */
    kept: number;
    keptRows: { awardKey: string; contractId: string; fields: string[] }[];
    unchanged: number;
    /** Agencies the file names under a department that were left without one, and why. */
    keptWithoutParent: { name: string; department: string; reason: string }[];
    subAgenciesOfOthers: { name: string; department: string; under: string; rows: number }[];
    /** Each with the company it may be (its name without "Inc."), whose form takes it as another name. */
    unmatched: { name: string; parent: string | null; rows: number; perhaps: { name: string; slug: string } | null }[];
    /** All the recipients that matched no company, and their rows: `unmatched` lists the first UNMATCHED_LISTED. */
    unmatchedCount: number;
    unmatchedRows: number;
    review: number;
    /** The first rows left for review and values left out, each with its line and why. */
    reviewRows: { line: number; awardKey: string; reason: string }[];
    leftOut: { line: number; awardKey: string; column: string; value: string; reason: string }[];
    leftOutCount: number;
  };
}

/** The rows and values the report lists one by one; the rest are counted. */
const LISTED = 20;
/**
 * The recipients listed one by one, for a reviewer to link: the rest are counted, and listed by the
 * next import. The page's script sends the state back with the next upload, which the proxy measures
 * with the file (lib/upload-limit.ts): a list of thousands would leave no room for a 9 MB file.
 */
const UNMATCHED_LISTED = 200;

export async function importUsaspendingAction(_state: ImportState, formData: FormData): Promise<ImportState> {
  return answer(formData, importFrom(formData));
}

async function importFrom(formData: FormData): Promise<ImportState> {
  const file = formData.get('file');
  try {
    const user = await currentUser();
    if (!user) return { message: 'Sign in again to import.' };
    const report = await importUsaspendingUpload(user, file instanceof File ? file : null);
    // Contracts show on their companies' profiles and comparisons, whichever companies they are.
    refreshPublicPages([cacheTags.lists, cacheTags.companies]);
    // The import is committed: a failure to name the companies it suggests only leaves the hints out.
    const hints = await companiesNamed(
      report.unmatchedRecipients.flatMap((recipient) => recipient.perhaps ?? []),
    ).catch(() => new Map<string, never>());
    return {
      report: {
        rows: report.rows,
        created: report.created.contracts,
        agencies: report.created.agencies,
        updated: report.updated.length,
        kept: report.kept.length,
        keptRows: report.kept.slice(0, LISTED),
        unchanged: report.unchanged,
        keptWithoutParent: report.agenciesKeptWithoutParent.slice(0, LISTED),
        subAgenciesOfOthers: report.subAgenciesOfOthers.slice(0, LISTED),
        unmatchedCount: report.unmatchedRecipients.length,
        unmatchedRows: report.unmatchedRecipients.reduce((sum, recipient) => sum + recipient.rows, 0),
        unmatched: report.unmatchedRecipients.slice(0, UNMATCHED_LISTED).map((recipient) => ({
          name: recipient.name,
          parent: recipient.parent,
          rows: recipient.rows,
          perhaps: recipient.perhaps ? (hints.get(recipient.perhaps) ?? null) : null,
        })),
        review: report.review.length,
        reviewRows: report.review.slice(0, LISTED),
        leftOut: report.leftOut.slice(0, LISTED),
        leftOutCount: report.leftOut.length,
      },
    };
  } catch (error) {
    const refusal = await refusalOf(error);
    if (refusal) return { message: refusal.message, problems: Object.values(refusal.fields).flat() };
    throw error;
  }
}
