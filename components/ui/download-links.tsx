import type { Kind } from '@/lib/api/kinds';
import { listAddress } from '@/lib/pagination';

const KIND_LABEL: Partial<Record<Kind, string>> = {
  companies: 'companies',
  actions: 'employee actions',
  contracts: 'contracts',
  donations: 'donation responses',
  statements: 'company statements',
};

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Links to the exports of what a list shows (/exports/<kind>.csv and .json with the same filters;
 * lib/api/kinds.ts says which each kind takes). Several kinds for a list that mixes them.
 */
export function DownloadLinks({
  exports,
}: {
  exports: { kind: Kind; filters: Record<string, string | number | undefined> }[];
}) {
  if (exports.length === 0) return null;
  const href = (kind: Kind, format: 'csv' | 'json', filters: Record<string, string | number | undefined>) =>
    listAddress(`/exports/${kind}.${format}`, filters);
  return (
    <p className="text-sm text-stone-700">
      Download {exports.length > 1 ? 'these lists' : 'this list'} as data, with every record&rsquo;s sources
      {exports.length > 1 ? ':' : ''}{' '}
      {exports.map(({ kind, filters }, index) => (
        <span key={kind}>
          {index > 0 && '; '}
          {exports.length > 1 && `${KIND_LABEL[kind] ?? kind} `}
          <a
            href={href(kind, 'csv', filters)}
            download
            aria-label={`${capitalized(KIND_LABEL[kind] ?? kind)} as CSV`}
            className="inline-block px-1 py-1"
          >
            CSV
          </a>
          {' · '}
          <a
            href={href(kind, 'json', filters)}
            download
            aria-label={`${capitalized(KIND_LABEL[kind] ?? kind)} as JSON`}
            className="inline-block px-1 py-1"
          >
            JSON
          </a>
        </span>
      ))}{' '}
      (<a href="/api-docs">about the data</a>).
    </p>
  );
}
