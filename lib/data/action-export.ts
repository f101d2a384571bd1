import 'server-only';
import type { RecordFilters } from '../api/kinds';
import { actionSchema, type ActionRecord } from '../api/schemas';
import { db } from '../db';
import {
  CITATION_FIELDS,
  Conditions,
  exportTexts,
  ISO_DAY,
  ISO_TIME,
  jsonObject,
  precisionIfDated,
  type ExportWait,
} from './copy-export';
import { csvCellSql, oneLineSql, plainListCellSql } from './csv-sql';
import { wordsMatchText } from './text-match';

/*
 * The export of employee actions, the largest list the record holds, in one statement streamed
 * with COPY. PostgreSQL joins each kind of link once for the whole list (hash joins and aggregates,
 * instead of a lookup per action and link) and writes every record as its JSON text, in the shape
 * of lib/api/schemas.ts's `actionSchema`, or as its CSV line (the cells `csvColumns` makes of that
 * shape, written by lib/data/csv-sql.ts); the server only passes the texts on. One statement is one
 * consistent snapshot: a record published meanwhile is neither half in it nor counted twice.
 *
 * The API's lists and records read actions with the same statement (`actionRecords`); the
 * integration tests compare its records with those `toAction` makes of Prisma's nested select,
 * the exports with the lists, filters included, and the CSV lines with those lib/api/csv.ts
 * writes of the JSON records.
 */

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

/** An action's fields, as its record names them, and their SQL (an action `a`). */
const ACTION_FIELDS: [name: string, sql: string][] = [
  ['id', 'a.id'],
  ['title', 'a.title'],
  ['description', 'a.description'],
  ['startDate', `to_char(a.start_date, ${ISO_DAY})`],
  ['datePrecision', 'a.date_precision'],
  ['participantsMin', 'a.participants_min'],
  ['participantsMax', 'a.participants_max'],
  ['participantsText', 'a.participants_text'],
  ['demands', 'a.demands'],
  ['outcome', 'a.outcome'],
  ['outcomeDate', `to_char(a.outcome_date, ${ISO_DAY})`],
  ['outcomePrecision', precisionIfDated('a.outcome_date', 'a.outcome_precision')],
  ['outcomeNote', 'a.outcome_note'],
  ['online', 'a.online'],
  ['externalSource', 'a.external_source'],
  ['externalId', 'a.external_id'],
  ['version', 'a.version'],
  ['createdAt', `to_char(a.created_at, ${ISO_TIME})`],
  ['updatedAt', `to_char(a.updated_at, ${ISO_TIME})`],
];
/** Fields that can never need a CSV cell's quotes or defusing: ids, dates, numbers, names of values. */
const PLAIN_FIELDS = new Set([
  '', // a contract's id, in the list of them
  'id', 'startDate', 'datePrecision', 'participantsMin', 'participantsMax', 'outcome', 'outcomeDate',
  'outcomePrecision', 'online', 'version', 'createdAt', 'updatedAt', 'publishedAt', 'publishedPrecision',
]);

/**
 * A list of an action's record read from a table of links (`x`): its key in the record, its items'
 * fields (or one value, for a list of ids), their order, and which of the table's rows it holds.
 */
interface LinkList {
  key: string;
  item: [name: string, sql: string][] | string;
  order: string;
  filter?: string;
}

/**
 * A table of links, aggregated once per action. When `from` is a function, the items are computed
 * inside it (given their expressions, read as `t.item0`, `t.item1`, …) rather than by the
 * aggregates. The terms' are, once per term in a subquery of the terms: over computed items,
 * aggregates with FILTER sort each action's terms again for every list instead of reading them
 * sorted once (0.8 s instead of 0.3 on 100,000 actions).
 */
interface LinkTable {
  name: string;
  from: string | ((computed: string[]) => string);
  lists: LinkList[];
}

const termItem: [string, string][] = [
  ['slug', 't.slug'],
  ['label', 't.label'],
];
const TERMS: LinkList[] = (
  [
    ['forms', 'ACTION_FORM'],
    ['issues', 'ISSUE'],
    ['tags', 'TAG'],
    ['employmentTypes', 'EMPLOYMENT_TYPE'],
  ] as const
).map(([key, kind]) => ({ key, item: termItem, order: 't.label, t.slug', filter: `t.kind = '${kind}'` }));

const LINK_TABLES: LinkTable[] = [
  {
    name: 'terms',
    from: (computed) => `employee_action_terms x
      JOIN (SELECT t.id, t.kind, t.slug, t.label${computed.map((sql, index) => `, ${sql} AS item${index}`).join('')}
        FROM vocabulary_terms t OFFSET 0) t ON t.id = x.term_id`,
    lists: TERMS,
  },
  {
    name: 'locations',
    from: 'action_locations x',
    lists: [
      {
        key: 'locations',
        item: ['label', 'city', 'region', 'country'].map((field) => [field, `x.${field}`]),
        order: 'x.position, x.id',
      },
    ],
  },
  {
    name: 'companies',
    from: `employee_action_companies x JOIN companies c ON c.id = x.company_id AND c.status = 'PUBLISHED'`,
    lists: [{ key: 'companies', item: [['slug', 'c.slug'], ['name', 'c.name']], order: 'c.name, c.slug' }],
  },
  {
    name: 'organizations',
    from: `employee_action_organizations x
      JOIN organizations o ON o.id = x.organization_id AND o.status = 'PUBLISHED'`,
    lists: [
      {
        key: 'organizations',
        item: [['slug', 'o.slug'], ['name', 'o.name'], ['acronym', 'o.acronym']],
        order: 'o.name, o.slug',
      },
    ],
  },
  {
    name: 'contracts',
    from: `employee_action_contracts x
      JOIN government_contracts g ON g.id = x.contract_id AND g.status = 'PUBLISHED'
      JOIN companies c ON c.id = g.company_id AND c.status = 'PUBLISHED'`,
    lists: [{ key: 'contractIds', item: 'x.contract_id', order: 'x.contract_id' }],
  },
  {
    name: 'sources',
    from: 'employee_action_sources x JOIN sources s ON s.id = x.source_id',
    lists: [{ key: 'sources', item: CITATION_FIELDS, order: 'x.source_id' }],
  },
];

/** The record's fields and lists, in the order of `actionSchema` (the order of its JSON and CSV columns). */
type RecordPart = { field: [name: string, sql: string] } | { list: LinkList };
const RECORD_PARTS = Object.keys(actionSchema.shape).map((key): RecordPart => {
  const field = ACTION_FIELDS.find(([name]) => name === key);
  const list = LINK_TABLES.flatMap((table) => table.lists).find((candidate) => candidate.key === key);
  if (field) return { field };
  if (list) return { list };
  throw new Error(`The actions' statement reads no ${key}.`);
});

/**
 * How a statement writes the record: each list's aggregates (as columns named from the list's key)
 * and the final text from the action's columns and those.
 */
interface Shape {
  /** The list's aggregates as [column, SQL]; `item` gives an item's expression as the aggregate reads it. */
  aggregates: (list: LinkList, item: (sql: string) => string) => [column: string, sql: string][];
  /** The final text, given the columns of the sorted actions: `a.id`, `a.forms`, … */
  text: string;
}

/** A column named after a list and field: `employmentTypes` and `slug` as employment_types_slug. */
const columnName = (...parts: string[]) =>
  parts
    .filter(Boolean)
    .join('_')
    .replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const filtered = (list: LinkList) => (list.filter ? ` FILTER (WHERE ${list.filter})` : '');

/** The record's JSON (`actionSchema`), each list a JSON array. */
const JSON_SHAPE: Shape = {
  aggregates: (list, item) => {
    const value = item(typeof list.item === 'string' ? list.item : jsonObject(list.item));
    return [[columnName(list.key), `json_agg(${value} ORDER BY ${list.order})${filtered(list)}`]];
  },
  text: `${jsonObject(
    RECORD_PARTS.map((part): [string, string] =>
      'field' in part ? part.field : [part.list.key, `coalesce(a.${columnName(part.list.key)}, '[]')`],
    ),
  )}::text`,
};

/** The record's CSV line (`csvColumns(actionSchema)`), each list's fields a cell of one item per line. */
const CSV_SHAPE: Shape = {
  aggregates: (list, item) =>
    itemFields(list).map(([name, sql]) => [
      columnName(list.key, name),
      // concat: the text as the record's JSON writes it (a char(2) country keeps its padding), '' for NULL.
      `string_agg(${item(PLAIN_FIELDS.has(name) ? `coalesce(${sql}::text, '')` : oneLineSql(`concat(${sql})`))}, E'\\n' ORDER BY ${list.order})${filtered(list)}`,
    ]),
  text: csvLine(),
};

/** The cells of the record's parts, joined with commas, ending CRLF. */
function csvLine(): string {
  const cell = ([name, sql]: [string, string]) => {
    const text = `coalesce(${sql}::text, '')`;
    return PLAIN_FIELDS.has(name) ? text : csvCellSql(text);
  };
  const cells = RECORD_PARTS.flatMap((part) =>
    'field' in part
      ? [cell(part.field)]
      : itemFields(part.list).map(([name]) => {
          const list = `coalesce(a.${columnName(part.list.key, name)}, '')`;
          return PLAIN_FIELDS.has(name) ? plainListCellSql(list) : csvCellSql(list);
        }),
  );
  return `concat_ws(',', ${cells.join(',\n      ')}) || E'\\r\\n'`;
}

/** A list's fields: one without a name for a list of values (contract ids). */
function itemFields(list: LinkList): [name: string, sql: string][] {
  return typeof list.item === 'string' ? [['', list.item]] : list.item;
}

/** The columns of an action its record is made of (not its search vector, which would only weigh on the sort). */
const RECORD_COLUMNS = [
  'id', 'title', 'description', 'start_date', 'date_precision', 'participants_min', 'participants_max',
  'participants_text', 'demands', 'outcome', 'outcome_date', 'outcome_precision', 'outcome_note', 'online',
  'external_source', 'external_id', 'version', 'created_at', 'updated_at',
];

/**
 * The published actions matching the conditions, newest first, each as one text in the shape's
 * form. The actions and their links are joined and sorted first, and each record's text written
 * after the sort, row by row as the reader takes them: PostgreSQL then sends the first rows once
 * the sort is done, while it writes the others, instead of writing them all before sorting them
 * (on 100,000 actions, about 1.7 s of writing JSON the reader waited for; see docs/benchmarks.md).
 */
function actionsQuery({ conditions, values }: Where, shape: Shape): { text: string; values: unknown[] } {
  const published = `a.status = 'PUBLISHED'`;
  // Every published action (no filter, the largest export): each kind of link is aggregated whole,
  // those of unpublished actions dropped by the joins below, which is quicker than first narrowing
  // each link table to the listed actions (about a sixth less time on 100,000 actions, see
  // docs/benchmarks.md). A filtered list narrows them, and reads its few actions once.
  const every = conditions.length === 0;
  const links = LINK_TABLES.map((table) => {
    const { from } = table;
    const computed: string[] = [];
    const item = (sql: string) => {
      if (typeof from === 'string') return sql;
      computed.push(sql);
      return `t.item${computed.length - 1}`;
    };
    const aggregates = table.lists.flatMap((list) => shape.aggregates(list, item));
    const cte = `${table.name}_links AS (
      SELECT x.action_id, ${aggregates.map(([column, sql]) => `${sql} AS ${column}`).join(',\n        ')}
      FROM ${typeof from === 'string' ? from : from(computed)}
      ${every ? '' : 'WHERE x.action_id IN (SELECT id FROM listed)'} GROUP BY x.action_id
    )`;
    return { table, cte, columns: aggregates.map(([column]) => `${table.name}_links.${column}`) };
  });
  const text = `
    WITH ${every ? '' : `listed AS MATERIALIZED (SELECT a.* FROM employee_actions a WHERE ${[published, ...conditions].join(' AND ')}),`}
    ${links.map(({ cte }) => cte).join(',\n    ')}
    SELECT ${shape.text} AS record
    FROM (
      SELECT ${[...RECORD_COLUMNS.map((column) => `a.${column}`), ...links.flatMap(({ columns }) => columns)].join(', ')}
      FROM ${every ? 'employee_actions' : 'listed'} a
        ${links.map(({ table }) => `LEFT JOIN ${table.name}_links ON ${table.name}_links.action_id = a.id`).join('\n        ')}
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
  const { text, values } = actionsQuery({ conditions: ['a.id = ANY($1::text[])'], values: [ids] }, JSON_SHAPE);
  const rows = await db.$queryRawUnsafe<{ record: string }[]>(text, ...values);
  const records = rows.map(({ record }) => JSON.parse(record) as ActionRecord);
  const byId = new Map(records.map((record) => [record.id, record]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The export's records as JSON texts, in batches of what arrived together (lib/data/copy-export.ts). */
export function actionExportTexts(filters: RecordFilters, wait?: ExportWait): AsyncGenerator<string[], void, undefined> {
  return exportTexts(actionsQuery(filterSql(filters), JSON_SHAPE), wait);
}

/**
 * The export's records as CSV lines (`csvColumns(actionSchema)`, the header left to the reader), in
 * batches of what arrived together: PostgreSQL writes the cells, the server only passes them on.
 */
export function actionCsvLines(filters: RecordFilters, wait?: ExportWait): AsyncGenerator<string[], void, undefined> {
  return exportTexts(actionsQuery(filterSql(filters), CSV_SHAPE), wait);
}
