import 'server-only';
import type { RecordFilters } from '../api/kinds';
import type { ActionRecord } from '../api/schemas';
import { db } from '../db';
import { citationLists, Conditions, exportTexts, ISO_DAY, ISO_TIME, precisionIfDated, type ExportWait } from './copy-export';
import { wordsMatchText } from './text-match';

/*
 * The export of employee actions, the largest list the record holds, in one statement streamed
 * with COPY. PostgreSQL joins each kind of link once for the whole list (hash joins and aggregates,
 * instead of a lookup per action and link) and writes every record as its JSON text, in the shape
 * of lib/api/schemas.ts's `actionSchema`; the server only passes the texts on. One statement is one
 * consistent snapshot: a record published meanwhile is neither half in it nor counted twice.
 *
 * The API's lists and records read actions with the same statement (`actionRecords`); the
 * integration tests compare its records with those `toAction` makes of Prisma's nested select,
 * and the exports with the lists, filters included.
 */

const termList = (kind: string) =>
  `json_agg(json_build_object('slug', t.slug, 'label', t.label) ORDER BY t.label, t.slug) FILTER (WHERE t.kind = '${kind}')`;

type Where = { conditions: string[]; values: unknown[] };

/** The WHERE conditions of the filters (as on /incidents and the API's list), with their values. */
function filterSql(filters: RecordFilters): Where {
  const where = actionConditions(filters);
  return { conditions: where.list, values: where.values };
}

/** The conditions of the filters on an action (as `a`), its being published left to the statement. */
export function actionConditions(filters: RecordFilters): Conditions {
  const where = new Conditions();
  const company = where.companySlug('c.slug', filters);
  if (company) {
    where.add(`EXISTS (SELECT 1 FROM employee_action_companies x JOIN companies c ON c.id = x.company_id
      WHERE x.action_id = a.id AND ${company})`);
  }
  if (filters.agency) {
    const slug = where.param(filters.agency);
    where.add(`EXISTS (SELECT 1 FROM employee_action_contracts x
      JOIN government_contracts g ON g.id = x.contract_id JOIN companies c ON c.id = g.company_id
      LEFT JOIN agencies ag ON ag.id = g.agency_id LEFT JOIN agencies sub ON sub.id = g.sub_agency_id
      WHERE x.action_id = a.id AND g.status = 'PUBLISHED' AND c.status = 'PUBLISHED'
        AND (ag.slug = ${slug} OR sub.slug = ${slug}))`);
  }
  if (filters.organization) {
    where.add(`EXISTS (SELECT 1 FROM employee_action_organizations x JOIN organizations o ON o.id = x.organization_id
      WHERE x.action_id = a.id AND o.slug = ${where.param(filters.organization)})`);
  }
  const term = (kind: string, slug: string) =>
    where.add(`EXISTS (SELECT 1 FROM employee_action_terms x JOIN vocabulary_terms t ON t.id = x.term_id
      WHERE x.action_id = a.id AND t.kind = '${kind}' AND t.slug = ${where.param(slug)})`);
  if (filters.form) term('ACTION_FORM', filters.form);
  if (filters.issue) term('ISSUE', filters.issue);
  if (filters.tag) term('TAG', filters.tag);
  if (filters.employmentType) term('EMPLOYMENT_TYPE', filters.employmentType);
  if (filters.outcome) where.add(`a.outcome = ${where.param(filters.outcome)}::"ActionOutcome"`);
  if (filters.q) where.add(wordsMatchText('action', 'a', where.param(filters.q), filters.q));
  where.years('a.start_date', filters);
  return where;
}

/** The columns of an action its record is made of (not its search vector, which would only weigh on the sort). */
const RECORD_COLUMNS = [
  'id', 'title', 'description', 'start_date', 'date_precision', 'participants_min', 'participants_max',
  'participants_text', 'demands', 'outcome', 'outcome_date', 'outcome_precision', 'outcome_note', 'online',
  'external_source', 'external_id', 'version', 'created_at', 'updated_at',
];

/**
 * The published actions matching the conditions, newest first, each as one JSON text. The actions
 * and their links are joined and sorted first, and each record's JSON written after the sort, row
 * by row as the reader takes them: PostgreSQL then sends the first rows once the sort is done,
 * while it writes the others, instead of writing them all before sorting them (on 100,000 actions,
 * about 1.7 s of writing JSON the reader waited for; see docs/benchmarks.md).
 */
function actionsQuery({ conditions, values }: Where): { text: string; values: unknown[] } {
  const published = `a.status = 'PUBLISHED'`;
  // Every published action (no filter, the largest export): each kind of link is aggregated whole,
  // those of unpublished actions dropped by the joins below, which is quicker than first narrowing
  // each link table to the listed actions (about a sixth less time on 100,000 actions, see
  // docs/benchmarks.md). A filtered list narrows them, and reads its few actions once.
  const every = conditions.length === 0;
  const ofList = (table: string) => (every ? 'true' : `${table}.action_id IN (SELECT id FROM listed)`);
  const text = `
    WITH ${every ? '' : `listed AS MATERIALIZED (SELECT a.* FROM employee_actions a WHERE ${[published, ...conditions].join(' AND ')}),`}
    term_links AS (
      SELECT x.action_id, ${termList('ACTION_FORM')} AS forms, ${termList('ISSUE')} AS issues,
        ${termList('TAG')} AS tags, ${termList('EMPLOYMENT_TYPE')} AS employment_types
      FROM employee_action_terms x JOIN vocabulary_terms t ON t.id = x.term_id
      WHERE ${ofList('x')} GROUP BY x.action_id
    ),
    location_links AS (
      SELECT l.action_id, json_agg(json_build_object('label', l.label, 'city', l.city, 'region', l.region,
        'country', l.country) ORDER BY l.position, l.id) AS list
      FROM action_locations l WHERE ${ofList('l')} GROUP BY l.action_id
    ),
    companie_links AS (
      SELECT x.action_id, json_agg(json_build_object('slug', c.slug, 'name', c.name) ORDER BY c.name, c.slug) AS list
      FROM employee_action_companies x JOIN companies c ON c.id = x.company_id
      WHERE ${ofList('x')} AND c.status = 'PUBLISHED' GROUP BY x.action_id
    ),
    organization_links AS (
      SELECT x.action_id, json_agg(json_build_object('slug', o.slug, 'name', o.name, 'acronym', o.acronym)
        ORDER BY o.name, o.slug) AS list
      FROM employee_action_organizations x JOIN organizations o ON o.id = x.organization_id
      WHERE ${ofList('x')} AND o.status = 'PUBLISHED' GROUP BY x.action_id
    ),
    contract_links AS (
      SELECT x.action_id, json_agg(x.contract_id ORDER BY x.contract_id) AS list
      FROM employee_action_contracts x
        JOIN government_contracts g ON g.id = x.contract_id JOIN companies c ON c.id = g.company_id
      WHERE ${ofList('x')} AND g.status = 'PUBLISHED' AND c.status = 'PUBLISHED' GROUP BY x.action_id
    ),
    source_links AS (${citationLists('employee_action_sources', 'action_id', every ? null : 'SELECT id FROM listed')})
    SELECT json_build_object(
      'id', a.id, 'title', a.title, 'description', a.description,
      'startDate', to_char(a.start_date, ${ISO_DAY}), 'datePrecision', a.date_precision,
      'participantsMin', a.participants_min, 'participantsMax', a.participants_max,
      'participantsText', a.participants_text, 'demands', a.demands, 'outcome', a.outcome,
      'outcomeDate', to_char(a.outcome_date, ${ISO_DAY}), 'outcomePrecision', ${precisionIfDated('a.outcome_date', 'a.outcome_precision')},
      'outcomeNote', a.outcome_note, 'online', a.online,
      'forms', coalesce(a.forms, '[]'), 'issues', coalesce(a.issues, '[]'),
      'tags', coalesce(a.tags, '[]'), 'employmentTypes', coalesce(a.employment_types, '[]'),
      'locations', coalesce(a.locations, '[]'), 'companies', coalesce(a.companies, '[]'),
      'organizations', coalesce(a.organizations, '[]'), 'contractIds', coalesce(a.contract_ids, '[]'),
      'externalSource', a.external_source, 'externalId', a.external_id,
      'version', a.version, 'createdAt', to_char(a.created_at, ${ISO_TIME}), 'updatedAt', to_char(a.updated_at, ${ISO_TIME}),
      'sources', coalesce(a.sources, '[]')
    )::text AS record
    FROM (
      SELECT ${RECORD_COLUMNS.map((column) => `a.${column}`).join(', ')}, terms.forms, terms.issues, terms.tags, terms.employment_types, locations.list AS locations,
        companies.list AS companies, organizations.list AS organizations, contracts.list AS contract_ids,
        sources.list AS sources
      FROM ${every ? 'employee_actions' : 'listed'} a
        LEFT JOIN term_links terms ON terms.action_id = a.id
        LEFT JOIN location_links locations ON locations.action_id = a.id
        LEFT JOIN companie_links companies ON companies.action_id = a.id
        LEFT JOIN organization_links organizations ON organizations.action_id = a.id
        LEFT JOIN contract_links contracts ON contracts.action_id = a.id
        LEFT JOIN source_links sources ON sources.action_id = a.id
      ${every ? `WHERE ${published}` : ''}
      ORDER BY a.start_date DESC, a.id DESC OFFSET 0
    ) a
    ORDER BY a.start_date DESC, a.id DESC`;
  return { text, values };
}

/**
 * These published actions as public records, in the order of `ids`: the API's lists and single
 * records read a page of ids with Prisma (filters, cursor, order) and the records with the
 * export's statement, so that every reader of actions gives the same records. Two queries.
 */
export async function actionRecords(ids: string[]): Promise<ActionRecord[]> {
  if (ids.length === 0) return [];
  const { text, values } = actionsQuery({ conditions: ['a.id = ANY($1::text[])'], values: [ids] });
  const rows = await db.$queryRawUnsafe<{ record: string }[]>(text, ...values);
  const records = rows.map(({ record }) => JSON.parse(record) as ActionRecord);
  const byId = new Map(records.map((record) => [record.id, record]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The export's records as JSON texts, in batches of what arrived together (lib/data/copy-export.ts). */
export function actionExportTexts(filters: RecordFilters, wait?: ExportWait): AsyncGenerator<string[], void, undefined> {
  return exportTexts(actionsQuery(filterSql(filters)), wait);
}
