import type { Metadata } from 'next';
import { cache } from 'react';
import type { EditStart } from '@/lib/data/edit-forms';

/**
 * The title of a correction's page, naming the record, so that tabs, the browser's history and a
 * screen reader's list of windows tell two corrections apart; "Propose a correction" when the
 * record is not found (the page says why).
 */
export function correctionMetadata(subject: string | null | undefined): Metadata {
  return { title: subject ? `Propose a correction to ${subject}` : 'Propose a correction', robots: { index: false } };
}

/**
 * A page's loader of its form's start, read once per request by both the page and its title
 * (React's cache); null for an address that cannot name a record.
 */
export function startLoader(
  load: (key: string) => Promise<EditStart | null>,
  valid: RegExp,
): (key: string) => Promise<EditStart | null> {
  return cache(async (key: string) => (valid.test(key) ? load(key) : null));
}
