import type { UnreadFilter } from '@/lib/validation/list-filters';

/**
 * The parameters of the address the list did not read (lib/validation/list-filters.ts,
 * `unreadFilters`), said beside it: a misspelt filter, or one of the open data's lists, would
 * otherwise leave the list unfiltered without a word.
 */
export function UnreadFilters({ unread, records }: { unread: UnreadFilter[]; records: string }) {
  if (unread.length === 0) return null;
  const code = 'rounded bg-stone-100 px-1 font-mono text-sm';
  return (
    <p className="text-stone-800">
      {`Not applied (the list shows the ${records} of the other filters): `}
      {/* Each a sentence of its own: a question, or a statement. */}
      {unread.map(({ name, meant }, index) => (
        <span key={name}>
          {index > 0 && ' '}
          <code className={code}>{name}</code>
          {meant ? (
            <>
              {' is a filter this list does not have: did you mean '}
              <code className={code}>{meant}</code>?
            </>
          ) : (
            <>
              {' is a filter of the open data’s lists (see '}
              <a href="/api-docs">the API</a>
              {'), not of this list.'}
            </>
          )}
        </span>
      ))}
    </p>
  );
}
