import { UNSTORABLE } from './text';

/**
 * A save refused because someone else's change was published after the form was opened, merged
 * field by field with that change (a three-way merge: what the form opened with, what the person
 * typed, what is published now):
 * - a field the person left as it opened takes the published value, so saving again does not
 *   quietly put back what the other person changed (`taken`);
 * - a field both changed, differently, keeps what the person typed, and the other value is given
 *   next to it to choose from (`clashes`);
 * - everything else is what the person typed.
 * Fields the record does not have (a note for the reviewer, a tick box) are left as typed.
 */
export interface MergedEdit {
  values: Record<string, string>;
  /** Fields that now hold the published value, in the order of `current`. */
  taken: string[];
  /** Fields both changed: the published value of each (the typed one stays in `values`). */
  clashes: Record<string, string>;
}

/** The hidden field an edit form sends the values it was opened with in (rendered by `DraftKeeper`). */
export const OPENED_VALUES_FIELD = 'openedValues';

/** Fields that hold a list, one item per line, whose order means nothing (sources, names, chosen terms). */
export const LIST_FIELDS: ReadonlySet<string> = new Set([
  'sources',
  'keptSourceIds',
  'companies',
  'organizations',
  'contractIds',
  'formSlugs',
  'issueSlugs',
  'tagSlugs',
  'employmentTypeSlugs',
  'aliases',
]);

/** A value as the record holds it: line ends of any system, surrounding blanks, a list's order, ignored. */
function comparable(field: string, value: string | undefined): string {
  const text = (value ?? '').replace(/\r\n?/g, '\n').trim();
  if (!LIST_FIELDS.has(field)) return text;
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .sort()
    .join('\n');
}

export function mergeEdit({
  typed,
  opened,
  current,
}: {
  typed: Record<string, string>;
  opened: Record<string, string>;
  current: Record<string, string>;
}): MergedEdit {
  const values = { ...typed };
  const taken: string[] = [];
  const clashes: Record<string, string> = {};
  // The record's fields as either side gives them: one no longer in `current` (a box unticked, a
  // last citation removed) is now empty.
  for (const field of new Set([...Object.keys(current), ...Object.keys(opened)])) {
    const now = current[field] ?? '';
    const before = comparable(field, opened[field]);
    const theirs = comparable(field, now);
    if (theirs === before) continue;
    const mine = comparable(field, typed[field]);
    if (mine === before) {
      values[field] = now;
      taken.push(field);
    } else if (mine !== theirs) {
      clashes[field] = now;
    }
  }
  return { values, taken, clashes };
}

/**
 * A browser's draft put back into a form that holds other values now (the editor's own change,
 * revised in another tab since the draft was typed; the record, changed since): the fields the
 * draft changed from what its form opened with (`opened`: as the server sent that form) take the
 * draft's value, the others keep what the form holds, so that restoring a draft never puts back a
 * field it did not touch.
 */
export function restoredDraft({
  draft,
  opened,
  form,
}: {
  draft: Record<string, string>;
  opened: Record<string, string>;
  form: Record<string, string>;
}): Record<string, string> {
  const values = { ...form };
  for (const field of new Set([...Object.keys(draft), ...Object.keys(opened)])) {
    if (comparable(field, draft[field]) === comparable(field, opened[field])) continue;
    if (draft[field] === undefined) delete values[field];
    else values[field] = draft[field];
  }
  return values;
}

/**
 * The values a form was opened with, as it sends them back in a hidden field: an object of strings
 * of bounded size, or nothing (a form from before this field, or a tampered one, is not merged).
 */
export function parseOpenedValues(text: string): Record<string, string> | null {
  if (!text || text.length > 200_000) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const entries = Object.entries(parsed);
    // Values the database could not store with the change (a NUL byte) make the whole form unkept.
    const unreadable = ([key, value]: [string, unknown]) =>
      typeof value !== 'string' || UNSTORABLE.test(key) || UNSTORABLE.test(value);
    if (entries.length > 100 || entries.some(unreadable)) return null;
    return Object.fromEntries(entries) as Record<string, string>;
  } catch {
    return null;
  }
}
