'use server';

import { currentUser } from '@/lib/auth/session';
import { cacheTags } from '@/lib/cache-tags';
import { refusalOf } from '@/lib/form-refusal';
import { refreshPublicPages } from '@/lib/refresh';
import { importUsaspendingUpload } from '@/lib/data/usaspending-upload';

export interface ImportState {
  message?: string;
  problems?: string[];
  report?: {
    rows: number;
    created: number;
    agencies: string[];
    updated: number;
    unchanged: number;
    unmatched: { name: string; rows: number }[];
    review: number;
  };
}

export async function importUsaspendingAction(_state: ImportState, formData: FormData): Promise<ImportState> {
  const file = formData.get('file');
  try {
    const user = await currentUser();
    if (!user) return { message: 'Sign in again to import.' };
    const report = await importUsaspendingUpload(user, file instanceof File ? file : null);
    refreshPublicPages([cacheTags.lists]);
    return {
      report: {
        rows: report.rows,
        created: report.created.contracts,
        agencies: report.created.agencies,
        updated: report.updated.length,
        unchanged: report.unchanged,
        unmatched: report.unmatchedRecipients.map((recipient) => ({ name: recipient.name, rows: recipient.rows })),
        review: report.review.length,
      },
    };
  } catch (error) {
    const refusal = await refusalOf(error);
    if (refusal) return { message: refusal.message, problems: Object.values(refusal.fields).flat() };
    throw error;
  }
}
