'use server';

import { updateTag } from 'next/cache';
import { currentUser, NotAllowed } from '@/lib/auth/session';
import { cacheTags } from '@/lib/cache-tags';
import { ChangeRejected } from '@/lib/data/changes';
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
  const user = await currentUser();
  if (!user) return { message: 'Sign in again to import.' };
  const file = formData.get('file');
  try {
    const report = await importUsaspendingUpload(user, file instanceof File ? file : null);
    updateTag(cacheTags.lists);
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
    if (error instanceof ChangeRejected || error instanceof NotAllowed) {
      return {
        message: error.message,
        problems: error instanceof ChangeRejected ? Object.values(error.fields).flat() : [],
      };
    }
    throw error;
  }
}
