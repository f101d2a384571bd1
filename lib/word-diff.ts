import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  text: string;
  change: 'same' | 'removed' | 'added';
}

/**
 * A list's change (one item per line, as a history writes a company's other names or an
 * action's forms), item by item: every item once, in order, each kept, removed or added whole,
 * rather than word by word, which ran the items together ("WI [added: Group Audit-E WI] Holdings").
 */
export function listDiff(before: string, after: string): DiffPart[] {
  const old = new Set(before.split('\n'));
  const now = new Set(after.split('\n'));
  const items = [...new Set([...old, ...now])].sort((a, b) => a.localeCompare(b));
  return items.map((item, index) => ({
    text: `${item}${index < items.length - 1 ? '\n' : ''}`,
    change: old.has(item) && now.has(item) ? 'same' : old.has(item) ? 'removed' : 'added',
  }));
}

/** Texts longer than this together are shown whole, side by side, rather than compared word by word. */
const LONGEST = 20_000;

/**
 * A text's change as one text with its removed and added words marked ("…a second
 * [report.]"), so that a few words changed in a long description can be seen at once. Null when
 * the two have less than half their text in common: a rewrite reads better as before and after.
 */
export function wordDiff(before: string, after: string): DiffPart[] | null {
  if (before.length + after.length > LONGEST) return null;
  const parts = diffWordsWithSpace(before, after);
  const kept = parts.reduce((total, part) => total + (part.added || part.removed ? 0 : part.value.length), 0);
  if (kept < Math.max(before.length, after.length) / 2) return null;
  return parts.map((part) => ({ text: part.value, change: part.added ? 'added' : part.removed ? 'removed' : 'same' }));
}
