import type { UnreadFilter } from '@/lib/validation/list-filters';

/**
 * The parameters of the address the list did not read (lib/validation/list-filters.ts,
 * `unreadFilters`), said beside it: a misspelt filter, one of the open data's lists or of the site's
 * other pages, or the subsidiaries switch without a company, would otherwise leave the list
 * unfiltered without a word.
 */
export function UnreadFilters({ unread, records }: { unread: UnreadFilter[]; records: string }) {
  if (unread.length === 0) return null;
  const code = 'rounded bg-stone-100 px-1 font-mono text-sm';
  return (
    <p className="text-stone-800">
      {`Not applied (the list shows the ${records} of the other filters): `}
      {/* Each a sentence of its own: a question, or a statement. */}
      {unread.map(({ name, meant, instead, needs }, index) => (
        <span key={name}>
          {index > 0 && ' '}
          <code className={code}>{name}</code>
          {meant ? (
            <>
              {' is a filter this list does not have: did you mean '}
              <code className={code}>{meant}</code>?
            </>
          ) : needs ? (
            <>
              {' goes with '}
              <code className={code}>{needs}</code>
              {': give the company whose subsidiaries to include.'}
            </>
          ) : instead ? (
            <>
              {' is a parameter of the site’s other pages, not of this list'}
              {instead.length > 0 && (
                <>
                  {', which reads '}
                  {instead.map((field, at) => (
                    <span key={field}>
                      {at > 0 && ' and '}
                      <code className={code}>{field}</code>
                    </span>
                  ))}
                  {' instead'}
                </>
              )}
              .
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
