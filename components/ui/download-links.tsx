import { KIND_INFO, type Kind } from '@/lib/api/kinds';
import { listAddress } from '@/lib/pagination';
import { capitalize } from '@/lib/text';

const KIND_LABEL: Partial<Record<Kind, string>> = {
  companies: 'companies',
  agencies: 'agencies',
  organizations: 'organizations',
  actions: 'employee actions',
  contracts: 'contracts',
  donations: 'donation responses',
  statements: 'company statements',
};

/**
 * Links to the exports of what a list shows (/exports/<kind>.csv and .json with the same filters;
 * lib/api/kinds.ts says which each kind takes). Several kinds for a list that mixes them.
 * `statusChangesListed`: the list is a timeline, which shows a contract on the day its status
 * changed as well as on its award's: with years asked for, its contracts file (contracts by award
 * year, as the API's) may lack a contract the list shows, and says so. `figures`: where the figures
 * the list shows come from, when its own file does not hold them.
 */
export function DownloadLinks({
  exports,
  statusChangesListed = false,
  figures,
}: {
  exports: { kind: Kind; filters: Record<string, string | number | undefined> }[];
  statusChangesListed?: boolean;
  figures?: string;
}) {
  if (exports.length === 0) return null;
  const href = (kind: Kind, format: 'csv' | 'json', filters: Record<string, string | number | undefined>) =>
    listAddress(`/exports/${kind}.${format}`, filters);
  // The files keep one order of their own, whatever order the page was sorted in: the API's, by the
  // name in each record's address (an agency's is often its acronym, /agencies/cbp) or newest first.
  const orderOf = (kind: Kind) =>
    KIND_INFO[kind].order === 'slug' ? 'ordered by the short name in their address' : 'newest first';
  // One order said once; several, each beside its files.
  const orders = [...new Set(exports.map(({ kind }) => orderOf(kind)))];
  return (
    <p className="text-sm text-stone-700 print:hidden">
      Download {exports.length > 1 ? 'these lists' : 'this list'} as data, with every record&rsquo;s sources
      {orders.length === 1 ? `, ${orders[0]}` : ''}
      {exports.length > 1 ? ':' : ''}{' '}
      {exports.map(({ kind, filters }, index) => (
        <span key={kind}>
          {index > 0 && '; '}
          {exports.length > 1 && `${KIND_LABEL[kind] ?? kind} `}
          {(['csv', 'json'] as const).map((format, at) => (
            <span key={format}>
              {at > 0 && ' · '}
              <a
                href={href(kind, format, filters)}
                download
                aria-label={`${capitalize(KIND_LABEL[kind] ?? kind)} as ${format.toUpperCase()}`}
                className="inline-block py-1"
              >
                {format.toUpperCase()}
              </a>
            </span>
          ))}
          {orders.length > 1 && ` (${orderOf(kind)})`}
        </span>
      ))}{' '}
      (<a href="/api-docs">about the data</a>).
      {statusChangesListed &&
        exports.some(({ kind, filters }) => kind === 'contracts' && (filters.from ?? filters.to) !== undefined) &&
        ' The contracts file holds the contracts awarded in those years; a contract listed here only for a change of its status in them is not in it.'}
      {figures && ` ${figures}`}
    </p>
  );
}
