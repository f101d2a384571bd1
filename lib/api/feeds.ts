import type { RecentRecord } from '../data/open-data';
import type { DatePrecision } from '../generated/prisma/enums';
import { formatPreciseDate } from '../dates';
import { statementHeadline } from '../text';
import type { Kind } from './kinds';
import { KIND_INFO } from './kinds';
import { LICENCE } from './licence';
import type { Citation } from './schemas';

/*
 * Atom 1.0 (RFC 4287) and JSON Feed 1.1 of newly published or changed records. Entry ids are the
 * records' absolute API addresses (stable, unique); `updated` is the record's last change.
 */

export const FEED_SIZE = 50;

export interface FeedInfo {
  /** "Counterweight: Salesforce" */
  title: string;
  subtitle: string;
  /** The site's address, without a trailing slash. */
  site: string;
  /** The feed's own path, such as /feeds/all.atom (the JSON Feed's ends in .json). */
  path: string;
  /** The page the feed is about, such as /companies/salesforce. */
  page: string;
  /** When nothing is in the feed yet: the subject's last change. */
  fallbackUpdated?: string;
}

export interface FeedEntry {
  id: string;
  kind: Kind;
  title: string;
  summary: string;
  url: string;
  apiUrl: string;
  published: string;
  updated: string;
  /**
   * When the event happened, for a record that is one (an action, an award, a donation response, a
   * statement): an entry is new to the record, not necessarily news, and a 2018 letter must not read
   * as this week's. Its words begin the summary.
   */
  when?: { words: string; date: string; precision: DatePrecision } | null;
  sources: Citation[];
}

const PAGE_PATH: Record<Kind, string> = {
  companies: '/companies/',
  agencies: '/agencies/',
  organizations: '/organizations/',
  actions: '/actions/',
  contracts: '/contracts/',
  donations: '/donations/',
  statements: '/statements/',
  sources: '/sources/',
};

/** "25 June 2018", "June 2018", "2018"; "Awarded 3 May 2019", "Awarded in 2019": when the event happened. */
function happened(
  date: string | null,
  precision: DatePrecision | null,
  verb?: string,
): NonNullable<FeedEntry['when']> | null {
  if (!date) return null;
  const known = precision ?? 'DAY';
  const text = formatPreciseDate(new Date(`${date}T00:00:00Z`), known);
  return { words: verb ? `${verb} ${known === 'DAY' ? '' : 'in '}${text}` : text, date, precision: known };
}

function when({ kind, record }: RecentRecord): FeedEntry['when'] {
  switch (kind) {
    case 'actions':
      return happened(record.startDate, record.datePrecision);
    case 'contracts':
      return happened(record.awardDate, record.awardDatePrecision, 'Awarded');
    case 'donations':
    case 'statements':
      return happened(record.date, record.datePrecision);
    default:
      return null;
  }
}

function describe({ kind, record }: RecentRecord): { title: string; summary: string | null; key: string } {
  switch (kind) {
    case 'companies':
      return { title: record.name, summary: record.description, key: record.slug };
    case 'agencies':
      return {
        title: record.acronym ? `${record.name} (${record.acronym})` : record.name,
        summary: null,
        key: record.slug,
      };
    case 'organizations':
      return { title: record.name, summary: record.description, key: record.slug };
    case 'actions':
      return { title: record.title, summary: record.description, key: record.id };
    case 'contracts':
      return { title: `${record.company.name}: ${record.title}`, summary: record.purpose, key: record.id };
    case 'donations':
      return { title: record.title, summary: record.reason ?? record.quote, key: record.id };
    case 'statements':
      return {
        title: statementHeadline(record.company.name, record.summary),
        summary: record.summary,
        key: record.id,
      };
    case 'sources':
      return { title: record.title ?? record.url ?? record.id, summary: null, key: record.id };
  }
}

export function feedEntries(site: string, recent: RecentRecord[]): FeedEntry[] {
  return recent.map((item) => {
    const { title, summary, key } = describe(item);
    const singular = KIND_INFO[item.kind].singular;
    const dated = when(item);
    const said = summary ?? `${singular[0]?.toUpperCase()}${singular.slice(1)} on record.`;
    return {
      id: `${site}/api/v1/${item.kind}/${item.record.id}`,
      kind: item.kind,
      title,
      summary: dated ? `${dated.words}: ${said}` : said,
      when: dated,
      url: `${site}${PAGE_PATH[item.kind]}${key}`,
      apiUrl: `${site}/api/v1/${item.kind}/${item.record.id}`,
      published: item.record.createdAt,
      updated: item.record.updatedAt,
      sources: 'sources' in item.record ? item.record.sources : [],
    };
  });
}

/** Text made safe for XML 1.0: characters XML cannot hold removed, markup characters escaped. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** "Daily Bugle, A story, July 2018": the source's date no more precise than it is known, as pages write it. */
const sourceLabel = (source: Citation) =>
  [
    source.publisher,
    source.title,
    source.publishedAt &&
      formatPreciseDate(new Date(`${source.publishedAt}T00:00:00Z`), source.publishedPrecision ?? 'DAY'),
  ]
    .filter(Boolean)
    .join(', ') ||
  source.url ||
  'Source';

/** The entry's content as HTML (escaped once more when it goes into the XML). */
function contentHtml(entry: FeedEntry): string {
  const items = entry.sources.map((source) => {
    const label = xmlEscape(sourceLabel(source));
    return source.url ? `<li><a href="${xmlEscape(source.url)}">${label}</a></li>` : `<li>${label}</li>`;
  });
  return `<p>${xmlEscape(entry.summary)}</p>${items.length ? `<p>Sources:</p><ul>${items.join('')}</ul>` : ''}`;
}

const lastUpdate = (info: FeedInfo, entries: FeedEntry[]) =>
  entries.reduce(
    (latest, entry) => (entry.updated > latest ? entry.updated : latest),
    info.fallbackUpdated ?? '1970-01-01T00:00:00.000Z',
  );

export function atomFeed(info: FeedInfo, entries: FeedEntry[]): string {
  const e = xmlEscape;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${e(info.site + info.path)}</id>`,
    `  <title>${e(info.title)}</title>`,
    `  <subtitle>${e(info.subtitle)}</subtitle>`,
    `  <updated>${lastUpdate(info, entries)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${e(info.site + info.path)}"/>`,
    `  <link rel="alternate" type="text/html" href="${e(info.site + info.page)}"/>`,
    '  <author><name>Counterweight</name></author>',
    `  <rights>${e(LICENCE.summary)}</rights>`,
    '  <generator>Counterweight</generator>',
    ...entries.flatMap((entry) => [
      '  <entry>',
      `    <id>${e(entry.id)}</id>`,
      `    <title>${e(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${e(entry.url)}"/>`,
      `    <link rel="related" type="application/json" href="${e(entry.apiUrl)}"/>`,
      `    <published>${entry.published}</published>`,
      `    <updated>${entry.updated}</updated>`,
      `    <category term="${entry.kind}" label="${e(KIND_INFO[entry.kind].title)}"/>`,
      `    <summary type="text">${e(entry.summary)}</summary>`,
      `    <content type="html">${e(contentHtml(entry))}</content>`,
      '  </entry>',
    ]),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

export function jsonFeed(info: FeedInfo, entries: FeedEntry[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: info.title,
    description: info.subtitle,
    home_page_url: info.site + info.page,
    feed_url: info.site + info.path,
    language: 'en',
    authors: [{ name: 'Counterweight', url: info.site }],
    _counterweight: { licence: LICENCE.summary, howToCite: LICENCE.howToCite, updated: lastUpdate(info, entries) },
    items: entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: contentHtml(entry),
      date_published: entry.published,
      date_modified: entry.updated,
      tags: [entry.kind],
      _counterweight: {
        kind: entry.kind,
        api_url: entry.apiUrl,
        // When the event happened (date_published is when the record was published here).
        ...(entry.when && { date: entry.when.date, date_precision: entry.when.precision }),
        sources: entry.sources,
      },
    })),
  });
}
