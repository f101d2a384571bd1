import type { Citation } from '@/lib/data/sources';
import { PreciseDate } from '@/components/ui/precise-date';
import { readableUrl } from '@/lib/urls';

/** The citations of one record: publisher, title or link, date, archived copy. */
export function SourceList({ sources }: { sources: Citation[] }) {
  if (sources.length === 0) return null;
  return (
    <div className="mt-2 text-sm text-stone-700">
      <ol className="list-decimal space-y-1 pl-6" aria-label="Sources">
        {sources.map((source) => {
          // "Collective Action in Tech: Collective Action in Tech: a public-domain archive…" says it once.
          const publisher =
            source.publisher && !source.title?.toLowerCase().startsWith(source.publisher.toLowerCase())
              ? source.publisher
              : null;
          return (
            <li key={source.id}>
              {publisher && <span className="font-medium">{publisher}</span>}
              {publisher && ': '}
              {source.url ? (
                <a href={source.url} rel="noopener noreferrer" className="break-words">
                  {source.title ?? readableUrl(source.url)}
                </a>
              ) : (
                <cite>{source.title}</cite>
              )}
              {source.publishedAt && (
                <>
                  {', '}
                  <PreciseDate date={source.publishedAt} precision={source.publishedPrecision} />
                </>
              )}
              {source.archiveUrl && (
                <>
                  {' ('}
                  <a href={source.archiveUrl} rel="noopener noreferrer">
                    archived copy
                  </a>
                  {')'}
                </>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
