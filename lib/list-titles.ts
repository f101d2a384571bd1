import type { IncidentKind } from './incident-kinds';
import { CONTRACT_STATUS_LABEL, INCIDENT_KIND_LABEL, OUTCOME_LABEL } from './labels';
import { MAX_WORDS_LENGTH } from './validation/list-filters';

/*
 * The titles of the public lists as filtered: what the list holds, so that a bookmark, a shared
 * link's preview or a browser tab tells one filtered list from another. "Employee actions:
 * Salesforce · Open letter or petition · 2018–2020 · page 2". The bare list keeps its plain title,
 * and the pages give the plain title too when a filter names nothing on record (the page says so).
 */

/** Past this many characters (before the site's name) the last filters are summed up as "+2 more". */
export const TITLE_LENGTH = 75;
/** A name or words typed longer than this are cut, so that one filter cannot fill the title. */
const PART_LENGTH = 28;

/** A name a filter gives in a title: undefined when the filter is not set, null when it names nothing on record. */
type Named = string | null | undefined;

/** A name or words cut to PART_LENGTH, at a word's end where there is one in the second half. */
function clip<T extends Named>(text: T): T | string {
  if (!text || text.length <= PART_LENGTH) return text;
  const space = text.lastIndexOf(' ', PART_LENGTH - 1);
  return `${text.slice(0, space > PART_LENGTH / 2 ? space : PART_LENGTH - 1).trimEnd()}…`;
}

/**
 * A list's title: what it is, then the filters and the order (most telling first), then the page.
 * Filters that do not fit in TITLE_LENGTH are counted instead of named; the page is always said.
 * A part that is null names nothing on record: the title is then the plain one, the list's own name.
 */
export function listTitle(what: string, parts: (string | null | false | undefined)[], page = 1, plain = what): string {
  if (parts.includes(null)) return plain;
  const named = parts.filter((part): part is string => Boolean(part));
  const tail = page > 1 ? [`page ${page.toLocaleString('en-US')}`] : [];
  for (let kept = named.length; ; kept -= 1) {
    const more = named.length - kept;
    const shown = [...named.slice(0, kept), ...(more > 0 ? [`+${more} more`] : []), ...tail];
    const title = shown.length > 0 ? `${what}: ${shown.join(' · ')}` : what;
    if (title.length <= TITLE_LENGTH || kept === 0) return title;
  }
}

/** A range of years as the lists say it: "2019", "2018–2020", "2018 or later", "2020 or earlier". */
export function yearsText(from: number | undefined, to: number | undefined): string | undefined {
  if (from !== undefined && to !== undefined) return from === to ? `${from}` : `${from}–${to}`;
  if (from !== undefined) return `${from} or later`;
  if (to !== undefined) return `${to} or earlier`;
  return undefined;
}

/** An outcome or a contract's status alone in a title ("Pending", "Unknown" would not say of what). */
const OUTCOME_TITLE: Record<string, string> = { ...OUTCOME_LABEL, PENDING: 'Outcome pending' };
const STATUS_TITLE: Record<string, string> = { ...CONTRACT_STATUS_LABEL, UNKNOWN: 'Status unknown' };

/** An agency as the lists' filters name it: its acronym (ICE), else its name; null when there is none. */
export const agencyTitle = (agency: { name: string; acronym: string | null } | null | undefined): string | null =>
  agency ? (agency.acronym ?? agency.name) : null;

/** An organisation as the lists' filters name it, as an agency is: its acronym (RAICES), else its name. */
export const organizationTitle = agencyTitle;

/**
 * A search for what names the agency: its acronym, its full name or another name it goes by
 * (`DoD or "Department of Defense" or "Pentagon"`), each name as a phrase; other names only as many
 * as the search box holds.
 */
export function agencySearch(agency: { name: string; acronym: string | null; aliases?: string[] }): string {
  const phrase = (name: string) => `"${name.replace(/"/g, '')}"`;
  let search = [...(agency.acronym ? [agency.acronym] : []), phrase(agency.name)].join(' or ');
  for (const alias of agency.aliases ?? []) {
    const longer = `${search} or ${phrase(alias)}`;
    if (longer.length > MAX_WORDS_LENGTH) break;
    search = longer;
  }
  return search;
}

/** /incidents's filters, each by the name a reader sees on the page (the company's name, a term's label). */
export type IncidentTitleFilters = {
  kind?: IncidentKind;
  company?: Named;
  agency?: Named;
  organization?: Named;
  form?: Named;
  issue?: Named;
  tag?: Named;
  outcome?: string;
  from?: number;
  to?: number;
  q?: string;
  order?: 'newest' | 'oldest';
  page?: number;
};

/** "Incidents", or the kind asked for ("Employee actions"), with the filters. */
export function incidentListTitle(filters: IncidentTitleFilters): string {
  return listTitle(
    filters.kind ? INCIDENT_KIND_LABEL[filters.kind] : 'Incidents',
    [
      clip(filters.company),
      clip(filters.agency),
      clip(filters.organization),
      clip(filters.form),
      clip(filters.issue),
      // Said as a tag: a tag may be named as an agency is ("ICE").
      filters.tag && `tagged ${clip(filters.tag)}`,
      filters.outcome && OUTCOME_TITLE[filters.outcome],
      yearsText(filters.from, filters.to),
      filters.q && `“${clip(filters.q)}”`,
      filters.order === 'oldest' && 'oldest first',
    ],
    filters.page,
    'Incidents',
  );
}

/** /contracts's filters, the company and agency by name (as for /incidents); `order`: the order's label, when not the default. */
export type ContractTitleFilters = {
  company?: Named;
  agency?: Named;
  status?: string;
  from?: number;
  to?: number;
  q?: string;
  order?: string;
  page?: number;
};

/** "Government contracts" with the filters (the years are those of the awards). */
export function contractListTitle(filters: ContractTitleFilters): string {
  return listTitle(
    'Government contracts',
    [
      clip(filters.company),
      clip(filters.agency),
      filters.status && STATUS_TITLE[filters.status],
      yearsText(filters.from, filters.to),
      filters.q && `“${clip(filters.q)}”`,
      filters.order?.toLowerCase(),
    ],
    filters.page,
  );
}
