import 'server-only';
import type { ActionRecord } from '../api/schemas';
import type { ActionRow } from '../api/incident-serializers';
import { day, dayOf, times } from '../api/serializers';
import { db } from '../db';

/*
 * A page of employee actions with everything they link to, for the open-data lists and exports.
 * Prisma reads an action's seven kinds of link with a nested subquery per link per row, which
 * costs about 0.14 ms an action: 14 s for an export of 100,000. Here the page's scalar columns come
 * from Prisma (with the list's filters and order) and each kind of link from one flat query over
 * the page's ids, the six run together. The integration tests compare the records made here with
 * those `toAction` makes of Prisma's nested select, record by record.
 */

interface LinkRows {
  terms: { action_id: string; kind: string; slug: string; label: string }[];
  locations: { action_id: string; label: string | null; city: string | null; region: string | null; country: string | null }[];
  companies: { action_id: string; slug: string; name: string }[];
  organizations: { action_id: string; slug: string; name: string; acronym: string | null }[];
  contracts: { action_id: string; contract_id: string }[];
  sources: {
    action_id: string;
    id: string;
    url: string | null;
    publisher: string | null;
    title: string | null;
    publishedAt: string | null;
    publishedPrecision: string;
    archiveUrl: string | null;
  }[];
}

/** Each kind of link of these actions, in the order the single-record select gives them. */
async function linksOf(ids: string[]): Promise<LinkRows> {
  const [terms, locations, companies, organizations, contracts, sources] = await Promise.all([
    db.$queryRaw<LinkRows['terms']>`
      SELECT x.action_id, t.kind::text AS kind, t.slug, t.label
      FROM employee_action_terms x JOIN vocabulary_terms t ON t.id = x.term_id
      WHERE x.action_id = ANY(${ids}::text[]) ORDER BY t.label, t.slug`,
    db.$queryRaw<LinkRows['locations']>`
      SELECT l.action_id, l.label, l.city, l.region, l.country
      FROM action_locations l WHERE l.action_id = ANY(${ids}::text[]) ORDER BY l.position, l.id`,
    db.$queryRaw<LinkRows['companies']>`
      SELECT x.action_id, c.slug, c.name
      FROM employee_action_companies x JOIN companies c ON c.id = x.company_id
      WHERE x.action_id = ANY(${ids}::text[]) AND c.status = 'PUBLISHED' ORDER BY c.name, c.slug`,
    db.$queryRaw<LinkRows['organizations']>`
      SELECT x.action_id, o.slug, o.name, o.acronym
      FROM employee_action_organizations x JOIN organizations o ON o.id = x.organization_id
      WHERE x.action_id = ANY(${ids}::text[]) AND o.status = 'PUBLISHED' ORDER BY o.name, o.slug`,
    db.$queryRaw<LinkRows['contracts']>`
      SELECT x.action_id, x.contract_id
      FROM employee_action_contracts x
        JOIN government_contracts g ON g.id = x.contract_id JOIN companies c ON c.id = g.company_id
      WHERE x.action_id = ANY(${ids}::text[]) AND g.status = 'PUBLISHED' AND c.status = 'PUBLISHED'
      ORDER BY x.contract_id`,
    db.$queryRaw<LinkRows['sources']>`
      SELECT x.action_id, s.id, s.url, s.publisher, s.title,
        to_char(s.published_at, 'YYYY-MM-DD') AS "publishedAt",
        s.published_precision::text AS "publishedPrecision", s.archive_url AS "archiveUrl"
      FROM employee_action_sources x JOIN sources s ON s.id = x.source_id
      WHERE x.action_id = ANY(${ids}::text[]) ORDER BY x.source_id`,
  ]);
  return { terms, locations, companies, organizations, contracts, sources };
}

/** Rows grouped by their action, each group in the rows' order, each row in its public shape. */
function byAction<T extends { action_id: string }, U>(rows: T[], shape: (row: T) => U): Map<string, U[]> {
  const groups = new Map<string, U[]>();
  for (const row of rows) {
    const group = groups.get(row.action_id);
    if (group) group.push(shape(row));
    else groups.set(row.action_id, [shape(row)]);
  }
  return groups;
}

/** Where each kind of vocabulary term goes in the record; other kinds are not public. */
const TERM_LISTS = { ACTION_FORM: 'forms', ISSUE: 'issues', TAG: 'tags', EMPLOYMENT_TYPE: 'employmentTypes' } as const;
type TermList = (typeof TERM_LISTS)[keyof typeof TERM_LISTS];

/**
 * These actions (their own columns, as `actionScalars` selects them) as public records with their
 * links: the same records `toAction` makes of the nested select, built without the nesting.
 */
export async function withLinks(rows: ActionRow[]): Promise<ActionRecord[]> {
  if (rows.length === 0) return [];
  const links = await linksOf(rows.map((row) => row.id));
  const terms = byAction(links.terms, ({ kind, slug, label }) => ({ kind, link: { slug, label } }));
  const locations = byAction(links.locations, ({ label, city, region, country }) => ({ label, city, region, country }));
  const companies = byAction(links.companies, ({ slug, name }) => ({ slug, name }));
  const organizations = byAction(links.organizations, ({ slug, name, acronym }) => ({ slug, name, acronym }));
  const contracts = byAction(links.contracts, (link) => link.contract_id);
  const sources = byAction(links.sources, ({ action_id: _, ...source }) => source);
  return rows.map((row) => {
    const lists: Record<TermList, { slug: string; label: string }[]> = {
      forms: [],
      issues: [],
      tags: [],
      employmentTypes: [],
    };
    for (const term of terms.get(row.id) ?? []) {
      const list = TERM_LISTS[term.kind as keyof typeof TERM_LISTS] as TermList | undefined;
      if (list) lists[list].push(term.link);
    }
    return {
      ...row,
      startDate: dayOf(row.startDate),
      outcomeDate: day(row.outcomeDate),
      ...lists,
      locations: locations.get(row.id) ?? [],
      companies: companies.get(row.id) ?? [],
      organizations: organizations.get(row.id) ?? [],
      contractIds: contracts.get(row.id) ?? [],
      ...times(row),
      sources: sources.get(row.id) ?? [],
    } as ActionRecord;
  });
}
