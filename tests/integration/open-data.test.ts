import { describe, expect, it } from 'vitest';
import { csvCell, csvColumns, csvRecordRow, csvRow, oneLine } from '@/lib/api/csv';
import { csvChunks, jsonChunks, recordChunks, textStream } from '@/lib/api/export';
import { atomFeed, feedEntries, jsonFeed } from '@/lib/api/feeds';
import { decodeCursor } from '@/lib/api/cursor';
import { KIND_INFO, KINDS, type Kind, type RecordFilters } from '@/lib/api/kinds';
import { getRecord, listRecords, recentRecords, type KindRecords } from '@/lib/data/open-data';
import { getAgencyBySlug } from '@/lib/data/agencies';
import { getCompanyBySlug, listContractsOfCompanies } from '@/lib/data/companies';
import { listContracts } from '@/lib/data/contracts';
import type { ContractStatus } from '@/lib/generated/prisma/enums';
import { listIncidents } from '@/lib/data/incident-index';
import { csvCellSql, oneLineSql } from '@/lib/data/csv-sql';
import { withDemoDatabase } from '../helpers/data-layer';
import { stringInputs } from '../helpers/hostile-inputs';

process.env.COUNTERWEIGHT_COUNT_QUERIES = '1';
const database = withDemoDatabase();
const ids = async (sql: string) => (await database().query<{ id: string }>(sql)).map((row) => row.id);

const visible = (table: string) => `${table} x JOIN companies c ON c.id = x.company_id
  WHERE x.status = 'PUBLISHED' AND c.status = 'PUBLISHED'`;
const cited = (table: string, column: string, record: string) =>
  `EXISTS (SELECT 1 FROM ${table} j JOIN ${record} r ON r.id = j.${column} WHERE j.source_id = s.id AND r.status = 'PUBLISHED')`;
const citedOfCompany = (table: string, column: string, record: string) =>
  `EXISTS (SELECT 1 FROM ${table} j JOIN ${record} r ON r.id = j.${column} JOIN companies c ON c.id = r.company_id
           WHERE j.source_id = s.id AND r.status = 'PUBLISHED' AND c.status = 'PUBLISHED')`;

/** Each list's published records in the API's order, by SQL written independently of the data layer. */
const ORDERED: Record<Kind, string> = {
  companies: `SELECT id FROM companies WHERE status = 'PUBLISHED' AND merged_into_id IS NULL ORDER BY slug`,
  agencies: `SELECT id FROM agencies WHERE status = 'PUBLISHED' ORDER BY slug`,
  organizations: `SELECT id FROM organizations WHERE status = 'PUBLISHED' AND merged_into_id IS NULL ORDER BY slug`,
  actions: `SELECT id FROM employee_actions WHERE status = 'PUBLISHED' ORDER BY start_date DESC, id DESC`,
  contracts: `SELECT x.id FROM ${visible('government_contracts')} ORDER BY x.award_date DESC NULLS LAST, x.id DESC`,
  donations: `SELECT x.id FROM ${visible('donation_responses')} ORDER BY x.date DESC NULLS LAST, x.id DESC`,
  statements: `SELECT x.id FROM ${visible('company_statements')} ORDER BY x.date DESC, x.id DESC`,
  sources: `SELECT s.id FROM sources s WHERE ${[
    cited('company_sources', 'company_id', 'companies'),
    cited('agency_sources', 'agency_id', 'agencies'),
    cited('organization_sources', 'organization_id', 'organizations'),
    cited('employee_action_sources', 'action_id', 'employee_actions'),
    citedOfCompany('contract_sources', 'contract_id', 'government_contracts'),
    citedOfCompany('donation_response_sources', 'donation_response_id', 'donation_responses'),
    citedOfCompany('company_statement_sources', 'statement_id', 'company_statements'),
  ].join(' OR ')} ORDER BY s.published_at DESC NULLS LAST, s.id DESC`,
};

/** Walks a list page by page through its cursors. */
async function walk<K extends Kind>(kind: K, filters: RecordFilters = {}, limit = 37): Promise<KindRecords[K][]> {
  const records: KindRecords[K][] = [];
  let cursor = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = await listRecords(kind, filters, { cursor, limit });
    expect(page.records.length).toBeLessThanOrEqual(limit);
    records.push(...page.records);
    if (!page.next) return records;
    expect(page.records).toHaveLength(limit);
    cursor = decodeCursor(page.next, kind, KIND_INFO[kind].order);
    expect(cursor).not.toBeNull();
  }
  throw new Error('the cursor never ended');
}

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (quoted && char === '"') quoted = false;
    else if (quoted) cell += char;
    else if (char === '"') quoted = true;
    else if (char === ',') endCell();
    else if (char === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i += 1;
    } else cell += char;
  }
  expect(cell).toBe('');
  return rows;
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A minimal XML 1.0 reader: throws on anything not well-formed (tags, attributes, entities, nesting). */
function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i}: ${xml.slice(i, i + 40)}`);
  };
  const isName = (char: string | undefined) => !!char && /[A-Za-z0-9_:.-]/.test(char);
  const name = () => {
    const start = i;
    while (isName(xml[i])) i += 1;
    return i > start ? xml.slice(start, i) : fail('expected a name');
  };
  const space = () => {
    while (xml[i] === ' ' || xml[i] === '\n' || xml[i] === '\t' || xml[i] === '\r') i += 1;
  };
  const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const characters = (end: string) => {
    let out = '';
    while (i < xml.length && xml[i] !== end && xml[i] !== '<') {
      if (xml[i] === '&') {
        const close = xml.indexOf(';', i);
        const entity = close > i ? xml.slice(i + 1, close) : fail('unterminated entity');
        out +=
          ENTITIES[entity] ??
          (/^#\d+$/.test(entity) ? String.fromCodePoint(Number(entity.slice(1))) : fail('bad entity'));
        i = close + 1;
      } else if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml[i] as string)) fail('control character');
      else out += xml[i++];
    }
    return out;
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail('expected <');
    i += 1;
    const node: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (space(); xml[i] !== '>' && xml[i] !== '/'; space()) {
      const attribute = name();
      if (xml[i++] !== '=' || xml[i++] !== '"') fail('expected ="');
      if (attribute in node.attributes) fail('repeated attribute');
      node.attributes[attribute] = characters('"');
      if (xml[i++] !== '"') fail('unterminated attribute');
    }
    if (xml[i] === '/') {
      if (xml[i + 1] !== '>') fail('expected />');
      i += 2;
      return node;
    }
    i += 1;
    for (;;) {
      node.text += characters('<');
      if (i >= xml.length) fail(`unclosed <${node.name}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        if (name() !== node.name) fail(`mismatched </…> for <${node.name}>`);
        if (xml[i++] !== '>') fail('expected >');
        return node;
      }
      node.children.push(element());
    }
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  space();
  const root = element();
  space();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

const child = (node: XmlElement, name: string) => node.children.find((entry) => entry.name === name);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('the open-data lists', () => {
  it.each(KINDS)(
    '%s: the cursor walks every published record once, in order, each valid against its schema',
    async (kind) => {
      const expected = await ids(ORDERED[kind]);
      expect(expected.length).toBeGreaterThan(0);
      const records = await walk(kind);
      expect(records.map((record) => record.id)).toEqual(expected);
      for (const record of records) KIND_INFO[kind].record.parse(record);
    },
  );

  it('narrows by words as the search reads them, in the API, the exports and the site alike, page after page', async () => {
    /** Published records of a table whose text (written out here, not read from the stored vector) has the words. */
    const matching = (table: string, text: string, words: string, join = '') =>
      ids(
        `SELECT x.id FROM ${table} x ${join} WHERE x.status = 'PUBLISHED' AND to_tsvector('english_unaccented', ${text})
           @@ websearch_to_tsquery('english_unaccented', '${words}')`,
      );
    // ICE is also read as its name written out (lib/data/text-match.ts).
    const iceOrItsName = 'ICE or "Immigration and Customs Enforcement"';
    const ice = await matching('employee_actions', `x.title || ' ' || x.description`, iceOrItsName);
    expect(ice.length).toBeGreaterThan(10);
    // Seven a page: the cursor crosses pages of a list narrowed by words.
    const listed = await walk('actions', { q: 'ICE' }, 7);
    expect(listed.map((action) => action.id).sort()).toEqual([...ice].sort());
    const exported = JSON.parse(await read(textStream(jsonChunks('actions', { q: 'ICE' })))) as { data: unknown[] };
    expect(exported.data).toEqual(listed);
    expect((await listIncidents({ kind: 'action', words: 'ICE' })).total).toBe(ice.length);

    // With the other filters: Microsoft's actions whose text says ICE (the accent and case of no matter).
    const microsoft = await matching(
      'employee_actions',
      `x.title || ' ' || x.description`,
      iceOrItsName,
      `JOIN employee_action_companies c ON c.action_id = x.id JOIN companies co ON co.id = c.company_id AND co.slug = 'microsoft'`,
    );
    expect(microsoft.length).toBeGreaterThan(0);
    expect((await walk('actions', { q: 'ice', company: 'microsoft' }, 2)).map((action) => action.id).sort()).toEqual(
      [...microsoft].sort(),
    );
    // A phrase and a word left out, as a search engine reads them.
    const phrase = await walk('actions', { q: '"open letter" -google', from: 2018, to: 2018 }, 5);
    expect(phrase.length).toBeGreaterThan(0);
    expect(
      phrase.every(
        (action) =>
          /open letter/i.test(`${action.title} ${action.description}`) &&
          !/google/i.test(`${action.title} ${action.description}`),
      ),
    ).toBe(true);
    // Curly quotation marks, as a phone or a pasted document writes them, make the same phrase.
    expect(await walk('actions', { q: '“open letter” -google', from: 2018, to: 2018 }, 5)).toEqual(phrase);
    const found = async (words: string) => (await listIncidents({ kind: 'action', words })).total;
    expect(await found('“tech workers”')).toBe(await found('"tech workers"'));
    expect(await found('«tech workers»')).toBe(await found('"tech workers"'));
    expect(await found('tech workers')).toBeGreaterThan(await found('"tech workers"'));

    // Every kind with text: contracts by title and purpose, donation responses by reason and quote (and who is quoted, and their answer), statements by summary and quote (and speaker).
    const drone = await matching('government_contracts', `x.title || ' ' || coalesce(x.purpose, '')`, 'drone');
    expect(drone).toHaveLength(1);
    expect((await walk('contracts', { q: 'drone' })).map((contract) => contract.id)).toEqual(drone);
    for (const [kind, table, text, words] of [
      [
        'donations',
        'donation_responses',
        `coalesce(x.reason, '') || ' ' || coalesce(x.quote, '')`,
        'oppressive policy',
      ],
      ['statements', 'company_statements', `x.summary || ' ' || coalesce(x.quote, '')`, 'contract'],
    ] as const) {
      const expected = await matching(table, text, words);
      expect(expected.length, kind).toBeGreaterThan(0);
      const found = await walk(kind, { q: words }, 1);
      expect(found.map((record) => record.id).sort(), kind).toEqual([...expected].sort());
      const dump = JSON.parse(await read(textStream(jsonChunks(kind, { q: words })))) as { data: unknown[] };
      expect(dump.data, kind).toEqual(found);
    }
    // The site's list of every kind: the same records.
    expect((await listIncidents({ words: 'drone' })).entries.map((entry) => entry.id)).toEqual(
      expect.arrayContaining(drone),
    );
  });

  it.each([
    ['actions', 'employee_actions', {}],
    ['actions', 'employee_actions', { q: 'protest' }],
    ['actions', 'employee_actions', { company: 'google' }],
  ] as const)(
    '%s %s %j: a walk meeting records published and unpublished between its pages gives each record once',
    async (kind, table, filters) => {
      const all = (await walk(kind, filters)).map((record) => record.id);
      expect(all.length).toBeGreaterThan(40);
      // Two records further down the list wait for review, and one already walked past too.
      const [later, unpublished, earlier] = [all.at(-5), all.at(-10), all[3]].map(String) as [string, string, string];
      const setStatus = (status: string, ...keys: string[]) =>
        database().query(`UPDATE ${table} SET status = '${status}' WHERE id = ANY($1)`, [keys]);
      await setStatus('IN_REVIEW', later, earlier);
      try {
        const first = await listRecords(kind, filters, { limit: 20 });
        // Published meanwhile: the one still ahead is met, the one behind is not met again; one ahead goes.
        await setStatus('PUBLISHED', later, earlier);
        await setStatus('IN_REVIEW', unpublished);
        const seen = first.records.map((record) => record.id);
        let cursor = decodeCursor(first.next as string, kind, KIND_INFO[kind].order);
        while (cursor) {
          const page = await listRecords(kind, filters, { cursor, limit: 20 });
          seen.push(...page.records.map((record) => record.id));
          cursor = page.next ? decodeCursor(page.next, kind, KIND_INFO[kind].order) : null;
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toEqual(all.filter((id) => id !== earlier && id !== unpublished));
      } finally {
        await setStatus('PUBLISHED', later, earlier, unpublished);
      }
    },
  );

  it('filters by tag in the API, the exports and the site alike; an unknown tag is said to be one', async () => {
    const tagged = await ids(
      `SELECT a.id FROM employee_actions a WHERE a.status = 'PUBLISHED' AND EXISTS (SELECT 1 FROM employee_action_terms x
         JOIN vocabulary_terms t ON t.id = x.term_id WHERE x.action_id = a.id AND t.kind = 'TAG' AND t.slug = 'ice')`,
    );
    expect(tagged.length).toBeGreaterThan(10);
    const listed = await walk('actions', { tag: 'ice' }, 9);
    expect(listed.map((action) => action.id).sort()).toEqual([...tagged].sort());
    expect(listed.every((action) => action.tags.some((tag) => tag.slug === 'ice'))).toBe(true);
    const exported = JSON.parse(await read(textStream(jsonChunks('actions', { tag: 'ice' })))) as { data: unknown[] };
    expect(exported.data).toEqual(listed);
    expect((await listIncidents({ tag: 'ice' })).total).toBe(tagged.length);
    // With words too: the tag and the words both hold.
    const both = await walk('actions', { tag: 'ice', q: 'petition' });
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(tagged.length);
    expect((await listRecords('actions', { tag: 'no-such-tag' }, { limit: 5 })).unknown).toEqual([
      { path: ['tag'], message: 'no tag "no-such-tag" (GET /api/v1/vocabulary lists them)' },
    ]);
  });

  it('filters as the site does', async () => {
    const salesforce = await getCompanyBySlug('salesforce');
    const letters2018 = await walk('actions', { form: 'open-letter', from: 2018, to: 2018 });
    expect(letters2018.length).toBe(
      (await listIncidents({ kind: 'action', form: 'open-letter', fromYear: 2018, toYear: 2018 })).total,
    );
    expect(letters2018.every((a) => a.forms.some((f) => f.slug === 'open-letter'))).toBe(true);
    const ofSalesforce = await walk('actions', { company: 'salesforce' });
    expect(ofSalesforce.length).toBe(
      (await listIncidents({ kind: 'action', companyIds: [salesforce?.id ?? ''] })).total,
    );
    // In the same order, records of one day included (Amazon has several such days).
    const amazon = await getCompanyBySlug('amazon');
    const onTheSite = await listIncidents({ kind: 'action', companyIds: [amazon?.id ?? ''] }, { perPage: 1000 });
    expect(onTheSite.entries.map((entry) => entry.id)).toEqual(
      (await walk('actions', { company: 'amazon' })).map((action) => action.id),
    );
    expect((await walk('actions', { outcome: 'NOT_MET' })).length).toBe(
      (await ids(`SELECT id FROM employee_actions WHERE status = 'PUBLISHED' AND outcome = 'NOT_MET'`)).length,
    );
    // By the workers' employment type, which every action of the data set carries.
    const gig = await walk('actions', { employmentType: 'gig-workers' });
    const gigIds = await ids(
      `SELECT a.id FROM employee_actions a WHERE a.status = 'PUBLISHED' AND EXISTS (SELECT 1 FROM employee_action_terms x
         JOIN vocabulary_terms t ON t.id = x.term_id WHERE x.action_id = a.id AND t.kind = 'EMPLOYMENT_TYPE' AND t.slug = 'gig-workers')`,
    );
    expect(gigIds.length).toBeGreaterThan(0);
    expect(gig.map((action) => action.id).sort()).toEqual(gigIds.sort());
    expect(gig.every((action) => action.employmentTypes.some((type) => type.slug === 'gig-workers'))).toBe(true);
    const byDhs = await walk('contracts', { agency: 'dhs' });
    expect(byDhs.map((c) => c.company.slug).sort()).toEqual(['amazon', 'microsoft', 'salesforce']);
    expect((await walk('contracts', { agency: 'cbp' })).map((c) => c.id)).toEqual(
      await ids(
        `SELECT k.id FROM government_contracts k JOIN agencies a ON a.id = k.sub_agency_id WHERE a.slug = 'cbp'`,
      ),
    );
    expect((await walk('donations', { company: 'salesforce' })).length).toBe(2);
    expect((await walk('companies', { has: 'contracts' })).map((c) => c.slug).sort()).toEqual([
      'amazon',
      'google',
      'microsoft',
      'salesforce',
    ]);
    const unknown = await listRecords('actions', { company: 'no-such-company' }, { limit: 10 });
    expect(unknown.unknown).toEqual([{ path: ['company'], message: 'no company "no-such-company"' }]);
    // Another of a company's or agency's names is no slug, and the answer says whose name it is.
    const otherNames = await listRecords('actions', { company: 'aws', agency: 'pentagon' }, { limit: 10 });
    expect(otherNames.unknown).toEqual([
      { path: ['company'], message: 'no company "aws" (it is another name of the company "amazon": company=amazon)' },
      { path: ['agency'], message: 'no agency "pentagon" (it is another name of the agency "dod": agency=dod)' },
    ]);
  });

  it('gives only the records changed since a moment, with the other filters and words, page after page', async () => {
    // Three actions, two of which say ICE, and a contract of Salesforce's, changed at a moment
    // after every other record's last change.
    const iceActions = await ids(
      `SELECT id FROM employee_actions WHERE status = 'PUBLISHED' AND search_vector @@ to_tsquery('english_unaccented', 'ice')
       ORDER BY id LIMIT 2`,
    );
    const [other] = await ids(
      `SELECT id FROM employee_actions WHERE status = 'PUBLISHED' AND NOT search_vector @@ to_tsquery('english_unaccented', 'ice')
       ORDER BY id LIMIT 1`,
    );
    const [contract] = await ids(
      `SELECT k.id FROM government_contracts k JOIN companies c ON c.id = k.company_id WHERE c.slug = 'salesforce' AND k.status = 'PUBLISHED'`,
    );
    const changed = [...iceActions, String(other)];
    expect(changed).toHaveLength(3);
    const kept = await database().query<{ id: string; updated_at: string }>(
      `SELECT id, updated_at::text FROM employee_actions WHERE id = ANY($1)
       UNION ALL SELECT id, updated_at::text FROM government_contracts WHERE id = $2`,
      [changed, contract],
    );
    const moment = '2099-01-01T00:00:00.000Z';
    await database().query(`UPDATE employee_actions SET updated_at = '2099-01-01 00:00:00' WHERE id = ANY($1)`, [
      changed,
    ]);
    await database().query(`UPDATE government_contracts SET updated_at = '2099-01-01 00:00:00' WHERE id = $1`, [
      contract,
    ]);
    try {
      // In the list's own order, one a page; the moment itself included, a millisecond later not.
      const inOrder = (await ids(ORDERED.actions)).filter((id) => changed.includes(id));
      expect((await walk('actions', { updatedSince: moment }, 1)).map((action) => action.id)).toEqual(inOrder);
      expect(await walk('actions', { updatedSince: '2099-01-01T00:00:00.001Z' })).toEqual([]);
      expect((await walk('actions', { updatedSince: moment, q: 'ICE' }, 1)).map((a) => a.id).sort()).toEqual(
        [...iceActions].sort(),
      );
      expect((await walk('contracts', { updatedSince: moment, company: 'salesforce' })).map((c) => c.id)).toEqual([
        contract,
      ]);
      expect(await walk('contracts', { updatedSince: moment, company: 'google' })).toEqual([]);
      expect(await walk('companies', { updatedSince: moment })).toEqual([]);
      // Every record changed since a day before the demo data was loaded.
      expect((await walk('statements', { updatedSince: '2000-01-01' }, 50)).length).toBe(
        (await ids(ORDERED.statements)).length,
      );
    } finally {
      for (const row of kept) {
        for (const table of ['employee_actions', 'government_contracts']) {
          await database().query(`UPDATE ${table} SET updated_at = $2::timestamp WHERE id = $1`, [
            row.id,
            row.updated_at,
          ]);
        }
      }
    }
  });

  it('serves single records by id or slug, with their sources; drafts stay private', async () => {
    const company = await getRecord('companies', 'salesforce');
    expect(company?.sources.length).toBeGreaterThan(0);
    expect(await getRecord('companies', company?.id ?? '')).toEqual(company);
    const [first] = (await listRecords('actions', {}, { limit: 1 })).records;
    expect(await getRecord('actions', first?.id ?? '')).toEqual(first);
    expect(await getRecord('actions', 'no-such-id')).toBeNull();
    await database().query(`UPDATE employee_actions SET status = 'DRAFT' WHERE id = $1`, [first?.id]);
    try {
      expect(await getRecord('actions', first?.id ?? '')).toBeNull();
      expect((await listRecords('actions', {}, { limit: 1 })).records[0]?.id).not.toBe(first?.id);
    } finally {
      await database().query(`UPDATE employee_actions SET status = 'PUBLISHED' WHERE id = $1`, [first?.id]);
    }
  });

  it('gives each company the counts of its published records the list of companies shows, in the API and its CSV', async () => {
    const company = await getRecord('companies', 'amazon');
    const [counts] = await database().query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM employee_action_companies l JOIN employee_actions a ON a.id = l.action_id
                WHERE l.company_id = c.id AND a.status = 'PUBLISHED') AS "employeeActions",
              (SELECT count(*)::int FROM government_contracts k WHERE k.company_id = c.id AND k.status = 'PUBLISHED') AS contracts,
              (SELECT count(*)::int FROM donation_responses d WHERE d.company_id = c.id AND d.status = 'PUBLISHED') AS "donationResponses",
              (SELECT count(*)::int FROM company_statements t WHERE t.company_id = c.id AND t.status = 'PUBLISHED') AS statements
       FROM companies c WHERE c.slug = 'amazon'`,
    );
    expect(company?.counts).toEqual(counts);
    expect(company?.counts.employeeActions).toBeGreaterThan(100);
    // As the list of companies counts them.
    const { listCompanies } = await import('@/lib/data/companies');
    const listed = (await listCompanies({ sort: 'actions' })).companies.find((row) => row.slug === 'amazon');
    expect([listed?.actionCount, listed?.contractCount]).toEqual([counts?.employeeActions, counts?.contracts]);
    const columns = csvColumns(KIND_INFO.companies.record);
    expect(columns.map((column) => column.header)).toEqual(
      expect.arrayContaining([
        'counts.employeeActions',
        'counts.contracts',
        'counts.donationResponses',
        'counts.statements',
      ]),
    );
    const cell = (header: string) => columns.find((column) => column.header === header)?.value(company);
    expect(cell('counts.employeeActions')).toBe(String(counts?.employeeActions));
  });

  it('writes a line break inside a listed item as a space, so that the n-th line of each of a list’s columns is its n-th item', () => {
    const columns = csvColumns(KIND_INFO.actions.record);
    const record = {
      companies: [
        { slug: 'two-lines', name: 'Example\r\nTwo Lines Inc' },
        { slug: 'other', name: 'Other' },
      ],
    };
    const cell = (header: string) => columns.find((column) => column.header === header)?.value(record);
    expect(cell('companies.name')).toBe('Example Two Lines Inc\nOther');
    expect(cell('companies.slug')).toBe('two-lines\nother');
  });

  it('reads actions with every link exactly as the nested select of a single record does', async () => {
    const { db } = await import('@/lib/db');
    const { actionSelect, toAction } = await import('@/lib/api/incident-serializers');
    // No demo action names an organization: link RAICES to the newest action, published, then as a draft.
    const [newest] = await ids(ORDERED.actions);
    const nestedList = async () =>
      (
        await db.employeeAction.findMany({
          where: { status: 'PUBLISHED' },
          orderBy: [{ startDate: 'desc' }, { id: 'desc' }],
          select: actionSelect,
        })
      ).map(toAction);
    await database().query(
      `INSERT INTO employee_action_organizations (action_id, organization_id)
       SELECT '${newest}', id FROM organizations WHERE slug = 'raices'`,
    );
    const listed = await walk('actions', {}, 100);
    expect(listed).toEqual(await nestedList());
    expect(listed[0]?.organizations.map((o) => o.slug)).toEqual(['raices']);
    // The demo's actions exercise every other kind of link, and some have several of a kind.
    const has = (count: (action: (typeof listed)[number]) => number) => listed.filter((a) => count(a) > 1).length;
    expect(has((a) => a.sources.length)).toBeGreaterThan(0);
    expect(has((a) => a.forms.length + a.issues.length + a.tags.length)).toBeGreaterThan(0);
    expect(has((a) => a.companies.length)).toBeGreaterThan(0);
    expect(listed.some((a) => a.contractIds.length > 0)).toBe(true);
    expect(listed.some((a) => a.locations.length > 0)).toBe(true);
    await database().query(`UPDATE organizations SET status = 'DRAFT' WHERE slug = 'raices'`);
    const withDraft = await walk('actions', {}, 100);
    expect(withDraft[0]?.organizations).toEqual([]);
    expect(withDraft).toEqual(await nestedList());
    await database().query(`DELETE FROM employee_action_organizations WHERE action_id = '${newest}'`);
    await database().query(`UPDATE organizations SET status = 'PUBLISHED' WHERE slug = 'raices'`);
  });

  it('makes the same number of queries for a page of 5 or of 100 records', async () => {
    const { queriesSent } = await import('@/lib/db');
    const queries = async (limit: number) => {
      const before = queriesSent();
      await listRecords('actions', { company: 'google' }, { limit });
      return queriesSent() - before;
    };
    expect(await queries(100)).toBe(await queries(5));
  });
});

describe('the exports', () => {
  /**
   * Every export has ended, in the pool and in the database: no connection is checked out, and
   * every export session PostgreSQL has is an idle connection of the pool (none still running a
   * statement, none closed by the app but alive in the database). Waits up to 2 s for that.
   */
  const exportsStopped = async () => {
    const { exportConnections } = await import('@/lib/data/copy-export');
    const state = async () => {
      const sessions = await database().query<{ state: string }>(
        `SELECT state FROM pg_stat_activity WHERE application_name = 'counterweight-export'`,
      );
      const pool = exportConnections();
      return {
        checkedOut: pool.checkedOut,
        sessions: sessions.length,
        idle: pool.idle,
        running: sessions.filter((row) => row.state !== 'idle').length,
      };
    };
    let last = await state();
    for (
      let waited = 0;
      waited < 2000 && (last.checkedOut > 0 || last.running > 0 || last.sessions !== last.idle);
      waited += 50
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      last = await state();
    }
    expect(last).toEqual({ checkedOut: 0, sessions: last.idle, idle: last.idle, running: 0 });
  };

  it('with subsidiaries, list and export the records of the company and of every company under it, as SQL finds them', async () => {
    const { followMergedFilters } = await import('@/lib/data/open-data');
    const family = (
      await database().query<{ slug: string }>(
        `WITH RECURSIVE f AS (SELECT id, slug FROM companies WHERE slug = 'alphabet'
           UNION SELECT c.id, c.slug FROM companies c JOIN f ON c.parent_id = f.id WHERE c.status = 'PUBLISHED')
         SELECT slug FROM f`,
      )
    ).map((row) => row.slug);
    expect(family).toEqual(expect.arrayContaining(['alphabet', 'google', 'youtube']));
    const filters = await followMergedFilters<RecordFilters>({ company: 'alphabet', subsidiaries: '1' });
    expect(filters.family?.sort()).toEqual([...family].sort());
    const sql: Record<'actions' | 'contracts' | 'statements', string> = {
      actions: `SELECT DISTINCT a.id FROM employee_actions a JOIN employee_action_companies l ON l.action_id = a.id
                JOIN companies c ON c.id = l.company_id WHERE c.slug = ANY($1) AND a.status = 'PUBLISHED'`,
      contracts: `SELECT k.id FROM government_contracts k JOIN companies c ON c.id = k.company_id
                  WHERE c.slug = ANY($1) AND k.status = 'PUBLISHED' AND c.status = 'PUBLISHED'`,
      statements: `SELECT t.id FROM company_statements t JOIN companies c ON c.id = t.company_id
                   WHERE c.slug = ANY($1) AND t.status = 'PUBLISHED' AND c.status = 'PUBLISHED'`,
    };
    for (const [kind, query] of Object.entries(sql) as ['actions' | 'contracts' | 'statements', string][]) {
      const expected = (await database().query<{ id: string }>(query, [family])).map((row) => row.id).sort();
      const listed = await walk(kind, filters, 25);
      expect(listed.map((record) => record.id).sort(), kind).toEqual(expected);
      const exported = JSON.parse(await read(textStream(jsonChunks(kind, filters)))) as {
        filters: unknown;
        data: unknown[];
      };
      expect(exported.data, kind).toEqual(listed);
      // The file names its filters as a client gives them, which the API takes back.
      expect(exported.filters, kind).toEqual({ company: 'alphabet', subsidiaries: '1' });
    }
    // Google's own actions are there, which Alphabet's alone are not.
    const own = await walk('actions', { company: 'alphabet' }, 100);
    expect((await walk('actions', filters, 100)).length).toBeGreaterThan(own.length + 50);
    // Without a company, or for a company without subsidiaries, nothing changes.
    expect(await followMergedFilters({ subsidiaries: '1' as const })).toEqual({ subsidiaries: '1' });
    expect(
      (await followMergedFilters<RecordFilters>({ company: 'palantir', subsidiaries: '1' })).family,
    ).toBeUndefined();
  });

  it('equal the lists they come from, across pages of the stream', async () => {
    // An action waiting for review, with its links, is in neither (the whole list's statement
    // reads every link, and leaves out those of actions not published).
    const [hidden] = await database().query<{ id: string }>(
      `SELECT action_id AS id FROM employee_action_sources ORDER BY action_id LIMIT 1`,
    );
    await database().query(`UPDATE employee_actions SET status = 'IN_REVIEW' WHERE id = $1`, [hidden!.id]);
    const actions = await walk('actions', {}, 100);
    const json = JSON.parse(await read(textStream(jsonChunks('actions', {})))) as {
      data: { id: string }[];
    };
    expect(json.data.map((action) => action.id)).not.toContain(hidden!.id);
    expect(json.data).toEqual(actions);
    const rows = parseCsv(await read(textStream(csvChunks('actions', {}))));
    const columns = csvColumns(KIND_INFO.actions.record);
    expect(rows[0]).toEqual(columns.map((column) => column.header));
    expect(rows.slice(1).map((row) => row[0])).toEqual(actions.map((action) => action.id));
    const urls = columns.findIndex((column) => column.header === 'sources.url');
    expect(rows[1]?.[urls]?.split('\n')).toEqual((actions[0]?.sources ?? []).map((source) => source.url ?? ''));
    await database().query(`UPDATE employee_actions SET status = 'PUBLISHED' WHERE id = $1`, [hidden!.id]);
    const contracts = parseCsv(await read(textStream(csvChunks('contracts', { agency: 'dhs' }))));
    expect(contracts.length - 1).toBe((await walk('contracts', { agency: 'dhs' })).length);
  });

  it('export contracts, by a statement of their own, exactly as the list selects them, for every filter', async () => {
    const filterSets: RecordFilters[] = [
      {},
      { company: 'salesforce' },
      { agency: 'dhs' },
      { agency: 'ice' },
      { from: 2018 },
      { to: 2017 },
      { company: 'microsoft', agency: 'ice', from: 2018, to: 2020 },
      // As /contracts?status=NOT_RENEWED: Google's drone contract.
      { status: 'NOT_RENEWED' },
      { status: 'ACTIVE', agency: 'dhs' },
    ];
    // The demo's contracts have no award date (the article gives none): two get one for this test.
    const dated = await database().query<{ id: string }>(
      `SELECT k.id FROM government_contracts k JOIN companies c ON c.id = k.company_id
       WHERE k.status = 'PUBLISHED' AND c.slug IN ('microsoft', 'salesforce') ORDER BY c.slug LIMIT 2`,
    );
    expect(dated).toHaveLength(2);
    await database().query(
      `UPDATE government_contracts SET award_date = CASE id WHEN $1 THEN date '2018-07-01' ELSE date '2016-05-01' END
       WHERE id IN ($1, $2)`,
      [dated[0]?.id, dated[1]?.id],
    );
    let nonEmpty = 0;
    try {
      for (const filters of filterSets) {
        const listed = await walk('contracts', filters, 100);
        const exported = JSON.parse(await read(textStream(jsonChunks('contracts', filters)))) as { data: unknown[] };
        expect(exported.data, JSON.stringify(filters)).toEqual(listed);
        const rows = parseCsv(await read(textStream(csvChunks('contracts', filters))));
        const ids = listed.map((contract) => (contract as { id: string }).id);
        expect(rows.slice(1).map((row) => row[0])).toEqual(ids);
        // The site's list, newest first as the files are, lists them in the same order: ties too.
        const site = await listContracts({ ...filters, status: filters.status as ContractStatus | undefined });
        expect(
          site.contracts.map((contract) => contract.id),
          JSON.stringify(filters),
        ).toEqual(ids);
        if (listed.length > 0) nonEmpty += 1;
      }
      // A date not on record has no precision either; a date on record keeps its own.
      const all = (await walk('contracts', {}, 100)) as {
        awardDate: string | null;
        awardDatePrecision: string | null;
        statusChangedAt: string | null;
        statusChangedPrecision: string | null;
      }[];
      expect(all.filter((contract) => contract.awardDate === null).length).toBeGreaterThan(0);
      expect(all.filter((contract) => contract.awardDate !== null)).toHaveLength(2);
      for (const contract of all) {
        expect(contract.awardDatePrecision === null).toBe(contract.awardDate === null);
        expect(contract.statusChangedPrecision === null).toBe(contract.statusChangedAt === null);
      }
    } finally {
      await database().query(`UPDATE government_contracts SET award_date = NULL WHERE id IN ($1, $2)`, [
        dated[0]?.id,
        dated[1]?.id,
      ]);
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(8);
    // So do an agency's page and a company's table of contracts.
    const dhs = await getAgencyBySlug('dhs');
    expect(dhs?.contracts.map((contract) => contract.id)).toEqual(
      ((await walk('contracts', { agency: 'dhs' }, 100)) as { id: string }[]).map((contract) => contract.id),
    );
    const microsoft = await getCompanyBySlug('microsoft');
    expect((await listContractsOfCompanies([microsoft?.id as string])).map((contract) => contract.id)).toEqual(
      ((await walk('contracts', { company: 'microsoft' }, 100)) as { id: string }[]).map((contract) => contract.id),
    );
    const notRenewed = await walk('contracts', { status: 'NOT_RENEWED' }, 100);
    expect(notRenewed.map((contract) => (contract as { company: { slug: string } }).company.slug)).toEqual(['google']);
  });

  it('export statements, by a statement of their own, exactly as the list selects them, for every filter', async () => {
    const filterSets: RecordFilters[] = [
      {},
      { company: 'salesforce' },
      { agency: 'dhs' },
      { from: 2018 },
      { to: 2018 },
      { company: 'google', from: 2018, to: 2018 },
    ];
    let nonEmpty = 0;
    for (const filters of filterSets) {
      const listed = await walk('statements', filters, 100);
      const exported = JSON.parse(await read(textStream(jsonChunks('statements', filters)))) as { data: unknown[] };
      expect(exported.data, JSON.stringify(filters)).toEqual(listed);
      if (listed.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(4);
    // A linked record the public cannot see is not named, in the list and the export alike.
    const [linked] = await database().query<{ id: string; donation: string }>(
      `SELECT id, donation_response_id AS donation FROM company_statements WHERE donation_response_id IS NOT NULL LIMIT 1`,
    );
    expect(linked).toBeDefined(); // the statement answering RAICES's rejection
    /** The statement names no donation response, in the list and the export alike. */
    const expectDonationUnnamed = async (id: string) => {
      const listed = await walk('statements', {}, 100);
      const exported = JSON.parse(await read(textStream(jsonChunks('statements', {})))) as { data: unknown[] };
      expect(exported.data).toEqual(listed);
      expect(listed.find((statement) => (statement as { id: string }).id === id)).toMatchObject({ donationId: null });
    };
    if (linked) {
      await database().query(`UPDATE donation_responses SET status = 'IN_REVIEW' WHERE id = $1`, [linked.donation]);
      try {
        await expectDonationUnnamed(linked.id);
      } finally {
        await database().query(`UPDATE donation_responses SET status = 'PUBLISHED' WHERE id = $1`, [linked.donation]);
      }
      // Nor a published donation response of a company the public cannot see.
      await database().query(
        `INSERT INTO companies (id, slug, name, status, updated_at) VALUES ('test-hidden-co', 'test-hidden-co', 'Hidden Co', 'IN_REVIEW', now());
         INSERT INTO donation_responses (id, company_id, response, status, updated_at)
           VALUES ('test-hidden-donation', 'test-hidden-co', 'REJECTED', 'PUBLISHED', now());`,
      );
      await database().query(
        `UPDATE company_statements SET donation_response_id = 'test-hidden-donation' WHERE id = $1`,
        [linked.id],
      );
      try {
        await expectDonationUnnamed(linked.id);
      } finally {
        await database().query(`UPDATE company_statements SET donation_response_id = $2 WHERE id = $1`, [
          linked.id,
          linked.donation,
        ]);
        await database().query(
          `DELETE FROM donation_responses WHERE id = 'test-hidden-donation'; DELETE FROM companies WHERE id = 'test-hidden-co';`,
        );
      }
    }
  });

  it('export donation responses, by a statement of their own, exactly as the list selects them, for every filter', async () => {
    const filterSets: RecordFilters[] = [
      {},
      { company: 'salesforce' },
      { agency: 'cbp' },
      { agency: 'dhs' },
      { from: 2018 },
      { to: 2017 },
      { company: 'salesforce', from: 2018, to: 2018 },
    ];
    // RAICES's rejection cites the CBP contract; for this test its recipient is also hidden once.
    const [raices] = await database().query<{ id: string; organization: string }>(
      `SELECT d.id, d.organization_id AS organization FROM donation_responses d JOIN organizations o ON o.id = d.organization_id
       WHERE o.slug = 'raices' LIMIT 1`,
    );
    const [cbpContract] = await database().query<{ id: string }>(
      `SELECT x.contract_id AS id FROM donation_response_contracts x WHERE x.donation_response_id = $1`,
      [raices?.id],
    );
    expect(raices && cbpContract).toBeTruthy();
    let nonEmpty = 0;
    try {
      for (const filters of filterSets) {
        const listed = await walk('donations', filters, 100);
        const exported = JSON.parse(await read(textStream(jsonChunks('donations', filters)))) as { data: unknown[] };
        expect(exported.data, JSON.stringify(filters)).toEqual(listed);
        const rows = parseCsv(await read(textStream(csvChunks('donations', filters))));
        expect(rows.slice(1).map((row) => row[0])).toEqual(listed.map((donation) => (donation as { id: string }).id));
        if (listed.length > 0) nonEmpty += 1;
      }
      const cited = (await walk('donations', { agency: 'cbp' }, 100)) as { id: string }[];
      expect(cited.find((donation) => donation.id === raices!.id)).toMatchObject({
        title: 'RAICES rejected $250,000 from Salesforce',
        contractIds: [cbpContract!.id],
      });
      await database().query(`UPDATE organizations SET status = 'IN_REVIEW' WHERE id = $1`, [raices!.organization]);
      const unnamed = JSON.parse(await read(textStream(jsonChunks('donations', { agency: 'cbp' })))) as {
        data: { id: string }[];
      };
      expect(unnamed.data).toEqual(await walk('donations', { agency: 'cbp' }, 100));
      expect(unnamed.data.find((donation) => donation.id === raices!.id)).toMatchObject({
        organization: null,
        title: 'Unnamed groups rejected $250,000 from Salesforce',
      });
    } finally {
      await database().query(`UPDATE organizations SET status = 'PUBLISHED' WHERE id = $1`, [raices!.organization]);
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(5);
  });

  it('export sources, by a statement of their own, exactly as the list selects and orders them', async () => {
    const sources = await walk('sources', {}, 100);
    expect(sources.length).toBeGreaterThan(100);
    const json = JSON.parse(await read(textStream(jsonChunks('sources', {})))) as { data: unknown[] };
    expect(json.data).toEqual(sources);
    const rows = parseCsv(await read(textStream(csvChunks('sources', {}))));
    expect(rows.slice(1).map((row) => row[0])).toEqual(sources.map((source) => source.id));
    // A source only a draft cites is not public: gone from the list and the export alike.
    const [only] = await database().query<{ id: string }>(
      `SELECT s.id FROM sources s JOIN employee_action_sources x ON x.source_id = s.id
       WHERE (SELECT count(*) FROM employee_action_sources y WHERE y.source_id = s.id) = 1
         AND NOT EXISTS (SELECT 1 FROM company_sources WHERE source_id = s.id)
         AND NOT EXISTS (SELECT 1 FROM contract_sources WHERE source_id = s.id)
         AND NOT EXISTS (SELECT 1 FROM donation_response_sources WHERE source_id = s.id)
         AND NOT EXISTS (SELECT 1 FROM company_statement_sources WHERE source_id = s.id)
         AND NOT EXISTS (SELECT 1 FROM organization_sources WHERE source_id = s.id)
         AND NOT EXISTS (SELECT 1 FROM agency_sources WHERE source_id = s.id)
       LIMIT 1`,
    );
    expect(only).toBeDefined();
    const action = `(SELECT action_id FROM employee_action_sources WHERE source_id = '${only?.id}')`;
    await database().query(`UPDATE employee_actions SET status = 'IN_REVIEW' WHERE id = ${action}`);
    try {
      const listed = (await walk('sources', {}, 100)).map((source) => source.id);
      const exported = (JSON.parse(await read(textStream(jsonChunks('sources', {})))) as { data: { id: string }[] })
        .data;
      expect(listed).not.toContain(only?.id);
      expect(exported.map((source) => source.id)).toEqual(listed);
    } finally {
      await database().query(`UPDATE employee_actions SET status = 'PUBLISHED' WHERE id = ${action}`);
    }
  });

  it('list and export an organization’s donation responses and joined actions as its page lists them', async () => {
    const { getOrganizationBySlug } = await import('@/lib/data/organizations');
    // RAICES rejected Salesforce's money; for this test it also joined two actions (the demo data names none).
    const raices = (await getOrganizationBySlug('raices'))!;
    const joined = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE status = 'PUBLISHED' ORDER BY start_date DESC, id LIMIT 2`,
    );
    await database().query(
      `INSERT INTO employee_action_organizations (action_id, organization_id) SELECT unnest($1::text[]), $2`,
      [joined.map((action) => action.id), raices.id],
    );
    let compared = 0;
    try {
      const page = (await getOrganizationBySlug('raices'))!;
      for (const [kind, ids] of [
        ['donations', page.donationResponses.map((donation) => donation.id)],
        ['actions', page.actions.map((action) => action.id)],
      ] as const) {
        expect(ids.length, kind).toBeGreaterThan(0);
        const listed = (await walk(kind, { organization: 'raices' }, 1)) as { id: string }[];
        expect(listed.map((record) => record.id).sort(), kind).toEqual([...ids].sort());
        const exported = JSON.parse(await read(textStream(jsonChunks(kind, { organization: 'raices' })))) as {
          data: unknown[];
        };
        expect(exported.data, kind).toEqual(listed);
        compared += ids.length;
      }
    } finally {
      await database().query(`DELETE FROM employee_action_organizations WHERE organization_id = $1`, [raices.id]);
    }
    expect(compared).toBeGreaterThanOrEqual(2);
    const { followMergedFilters, unknownSlugs } = await import('@/lib/data/open-data');
    // An address shared before an organization was merged gives the survivor's records.
    await database().query(
      `INSERT INTO organizations (id, slug, name, status, merged_into_id, updated_at)
       VALUES ('cmergedorganizationtest01', 'example-merged-fund', 'Example Merged Fund', 'ARCHIVED', $1, now())`,
      [raices.id],
    );
    try {
      expect(await followMergedFilters({ organization: 'example-merged-fund' })).toEqual({ organization: 'raices' });
    } finally {
      await database().query(`DELETE FROM organizations WHERE id = 'cmergedorganizationtest01'`);
    }
    expect(await unknownSlugs({ organization: 'no-such-organization' })).toEqual([
      { path: ['organization'], message: 'no organization "no-such-organization"' },
    ]);
  });

  it('export actions with every filter exactly as the lists select them', async () => {
    const filterSets: RecordFilters[] = [
      { company: 'salesforce' },
      { company: 'google', from: 2018, to: 2019 },
      { agency: 'ice' },
      { agency: 'dhs' },
      { form: 'open-letter' },
      { issue: 'ethics' },
      { outcome: 'NOT_MET' },
      { from: 2020 },
      { to: 2015 },
      { company: 'salesforce', form: 'protest', issue: 'immigration', from: 2018, to: 2018 },
      { employmentType: 'gig-workers' },
      { employmentType: 'contract-workers', q: 'strike' },
    ];
    let nonEmpty = 0;
    for (const filters of filterSets) {
      const listed = await walk('actions', filters, 100);
      const exported = JSON.parse(await read(textStream(jsonChunks('actions', filters)))) as {
        data: unknown[];
      };
      expect(exported.data, JSON.stringify(filters)).toEqual(listed);
      if (listed.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(8);
  });

  it('export actions with filter values written into the statement as plain text, whatever they hold', async () => {
    // COPY takes no parameters: the filters' values are quoted into the statement.
    const hostile = [`salesforce' OR 'a'='a`, `salesforce\\' OR true --`, `'); DROP TABLE companies; --`, `$1`];
    for (const company of hostile) {
      const exported = JSON.parse(await read(textStream(jsonChunks('actions', { company })))) as { data: unknown[] };
      expect(exported.data, company).toEqual([]);
    }
    // Words are free text: written in as literals, they are read as words, exactly as the API's parameters.
    for (const q of [
      `ICE' OR 'a'='a`,
      `ice\\' OR true --`,
      `'); DROP TABLE companies; --`,
      `$1 $2`,
      `"ICE`,
      `-`,
      `or`,
    ]) {
      const exported = JSON.parse(await read(textStream(jsonChunks('actions', { q })))) as { data: unknown[] };
      expect(exported.data, q).toEqual(await walk('actions', { q }, 50));
    }
    const salesforce = JSON.parse(await read(textStream(jsonChunks('actions', { company: 'salesforce' })))) as {
      data: unknown[];
    };
    expect(salesforce.data.length).toBeGreaterThan(0);
    expect(
      Number((await database().query<{ n: string }>('SELECT count(*) AS n FROM companies'))[0]?.n),
    ).toBeGreaterThan(100);
  });

  it('export actions from one snapshot, and give the connection back when the reader stops', async () => {
    const { openExport } = await import('@/lib/api/export');
    const { exportConnections } = await import('@/lib/data/copy-export');
    const exportSessions = async () => exportConnections().checkedOut;
    const before = await ids(ORDERED.actions);
    const opened = await openExport('actions', {});
    expect(opened.unknown).toEqual([]);
    expect(await exportSessions()).toBe(1);
    const reader = textStream(jsonChunks('actions', {}, { pages: opened.pages }), opened.close).getReader();
    const head = await reader.read(); // the head; the first page is already read
    // Meanwhile the last action is unpublished: the export still holds it, as the record stood
    // when it began. (Its statement sorts every row before sending the first, so this guards the
    // choice of one statement: an export read in several, page by page, would lose the record.)
    const gone = before.at(-1);
    await database().query(`UPDATE employee_actions SET status = 'ARCHIVED' WHERE id = '${gone}'`);
    try {
      let text = new TextDecoder().decode(head.value);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        text += new TextDecoder().decode(chunk.value);
      const exported = (JSON.parse(text) as { data: { id: string }[] }).data.map((action) => action.id);
      expect(exported).toEqual(before);
      await exportsStopped();
      const after = (await walk('actions', {}, 100)).map((action) => action.id);
      expect(after).toEqual(before.slice(0, -1));

      // A reader that stops after the first page frees the export's connection at once.
      const early = await openExport('actions', {}, { format: 'csv' });
      const stream = textStream(csvChunks('actions', {}, { pages: early.pages }), early.close).getReader();
      await stream.read();
      await stream.read();
      expect(await exportSessions()).toBe(1);
      await stream.cancel();
      await exportsStopped();
      // And one that never reads at all, once the response is cancelled.
      const unread = await openExport('actions', {}, { format: 'csv' });
      await textStream(csvChunks('actions', {}, { pages: unread.pages }), unread.close).cancel();
      await exportsStopped();
    } finally {
      await database().query(`UPDATE employee_actions SET status = 'PUBLISHED' WHERE id = '${gone}'`);
    }
  });

  it('end an export of actions whose reader stops reading, and free its connection', async () => {
    const { openExport } = await import('@/lib/api/export');
    process.env.COUNTERWEIGHT_EXPORT_IDLE_SECONDS = '0.3';
    try {
      const opened = await openExport('actions', {}, { format: 'csv' });
      const reader = textStream(csvChunks('actions', {}, { pages: opened.pages }), opened.close).getReader();
      await reader.read(); // the header
      await reader.read(); // the first rows
      await new Promise((resolve) => setTimeout(resolve, 800));
      await exportsStopped();
      // What the stream had already queued can still be read; then the export has failed.
      const readOn = async () => {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
      };
      await expect(readOn()).rejects.toThrow(/left the export unread/);
    } finally {
      delete process.env.COUNTERWEIGHT_EXPORT_IDLE_SECONDS;
    }
    const again = await openExport('actions', {});
    await again.close();
  });

  it('run three exports of actions at once, and answer a fourth that the server is busy', async () => {
    const { openExport } = await import('@/lib/api/export');
    const { answer } = await import('@/lib/api/http');
    const running = await Promise.all([1, 2, 3].map(() => openExport('actions', {})));
    try {
      const started = performance.now();
      const fourth = await answer(async () => {
        await openExport('actions', {});
        return new Response('opened');
      });
      expect(fourth.status).toBe(503);
      expect(fourth.headers.get('retry-after')).toBe('60');
      expect(((await fourth.json()) as { error: { message: string } }).error.message).toMatch(/exports are running/);
      expect(performance.now() - started).toBeGreaterThanOrEqual(9_000);
    } finally {
      await Promise.all(running.map((opened) => opened.close()));
    }
    const again = await openExport('actions', {});
    await again.close();
  }, 30_000);

  it('lets a part of the full dump wait for a free export connection instead of failing', async () => {
    const { openExport } = await import('@/lib/api/export');
    const running = await Promise.all([1, 2, 3].map(() => openExport('actions', {})));
    try {
      const started = performance.now();
      // Past the 10 s after which an export that cannot wait is answered 503, one export ends.
      setTimeout(() => void running[0]?.close(), 11_000);
      const sources = JSON.parse(await read(textStream(jsonChunks('sources', {}, { patient: true })))) as {
        data: unknown[];
      };
      expect(performance.now() - started).toBeGreaterThanOrEqual(10_000);
      expect(sources.data.length).toBe((await ids(ORDERED.sources)).length);
    } finally {
      await Promise.all(running.map((opened) => opened.close()));
    }
  }, 40_000);

  it('pulls pages of a list read by keyset pagination only as the reader reads', async () => {
    const { queriesSent } = await import('@/lib/db');
    const before = queriesSent();
    await listRecords('companies', {}, { limit: 50, checkSlugs: false });
    const perPage = queriesSent() - before;
    const start = queriesSent();
    const reader = textStream(csvChunks('companies', {}, { pageSize: 50 })).getReader();
    await reader.read(); // the header
    await reader.read(); // the first page of 50, while the second is read
    const afterOnePage = queriesSent() - start;
    let chunks = 2;
    while (!(await reader.read()).done) chunks += 1;
    expect(afterOnePage).toBeLessThanOrEqual(2 * perPage);
    expect(chunks).toBe(1 + Math.ceil((await ids(ORDERED.companies)).length / 50));
    expect(queriesSent() - start).toBeGreaterThanOrEqual((chunks - 1) * perPage);
  });

  it('dumps the whole record with its licence', async () => {
    const dump = JSON.parse(await read(textStream(recordChunks({ pageSize: 200 })))) as Record<string, unknown>;
    expect(dump.licence).toMatch(/public domain/);
    expect(dump.howToCite).toMatch(/Counterweight/);
    expect([dump.licenceSpdx, dump.licenceUrl]).toEqual([
      'CC0-1.0',
      'https://creativecommons.org/publicdomain/zero/1.0/',
    ]);
    for (const kind of KINDS) expect((dump[kind] as unknown[]).length).toBe((await ids(ORDERED[kind])).length);
  });

  it('names, last in the whole record, the companies merged into another, which its lists leave out', async () => {
    type Named = { id: string; slug: string; name: string };
    const [from, into] = await database().query<Named>(
      `SELECT id, slug, name FROM companies WHERE status = 'PUBLISHED' AND merged_into_id IS NULL ORDER BY slug LIMIT 2`,
    );
    const dumped = async () =>
      JSON.parse(await read(textStream(recordChunks({ pageSize: 200 })))) as {
        companies: { slug: string }[];
        merged: Record<string, unknown>;
      };
    expect((await dumped()).merged).toEqual({ companies: [], organizations: [] });
    await database().query('UPDATE companies SET merged_into_id = $1 WHERE id = $2', [into!.id, from!.id]);
    try {
      const dump = await dumped();
      expect(dump.merged).toEqual({
        companies: [{ ...from, mergedInto: { slug: into!.slug, name: into!.name } }],
        organizations: [],
      });
      expect(dump.companies.map((company) => company.slug)).not.toContain(from!.slug);
    } finally {
      await database().query('UPDATE companies SET merged_into_id = NULL WHERE id = $1', [from!.id]);
    }
  });

  it('quotes cells per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\r\nbye')).toBe('"say ""hi""\r\nbye"');
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', ' =1+1', '\u00a0 +1', '＝1+1', '\u3000＠SUM(A1)']) {
      expect(csvCell(formula), formula).toBe(`"'${formula}"`);
    }
    // A sign inside a text is no formula.
    expect(csvCell('Tech workers = organisers')).toBe('Tech workers = organisers');
  });

  /** Texts a CSV cell must be careful with: signs, spaces of every kind, quotes, line breaks. */
  const AWKWARD = [
    ...['', 'plain', 'a,b', 'say "hi"', '"', 'line\nbreak', 'cr\ronly', '\r\n', 'a \r\n\r\n b', ' \n lead'],
    ...['trail \n ', 'a\u00a0\n\u2003b', 'x\u2028y', 'x\u0085y', "o'brien", 'back\\slash', '$1', "E'\\n'"],
    ...['=SUM(A1)', '+1', '-1', '@x', '\t=1', '\tplain', '\rplain', ' =1', '\u00a0=1', '\u3000+1', '\u2003@a'],
    ...['\ufeff=1', '\u2028-1', '\v=1', '\f+1', '\u1680=1', '\u205f-', '\u200b=1', '＝1', '＋', '－2', '＠a'],
    ...['Tech workers = organisers', ' - a list', '😀, ok', '𝐀=1', '\u0085=1', '  spaced  '],
    ...stringInputs().map((input) => input.value),
    // What PostgreSQL can hold: no NUL, no lone surrogate.
  ].filter((text) => !text.includes('\0') && Buffer.from(text).toString() === text);

  it('writes a CSV cell in the database exactly as the server does, on awkward texts', async () => {
    const rows = await database().query<{ cell: string; line: string }>(
      `SELECT ${csvCellSql('v')} AS cell, ${oneLineSql('v')} AS line FROM unnest($1::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n`,
      [AWKWARD],
    );
    expect(rows).toHaveLength(AWKWARD.length);
    AWKWARD.forEach((text, index) => {
      expect(rows[index]?.cell, JSON.stringify(text)).toBe(csvCell(text));
      expect(rows[index]?.line, JSON.stringify(text)).toBe(oneLine(text));
    });
  });

  it('writes the actions’ CSV in the database as the server writes their JSON records, for every filter', async () => {
    const [action] = await ids(ORDERED.actions);
    // Awkward texts in every kind of field and list an action's line holds, each table's columns
    // kept to be put back: (table, column, the new value of `value` as the n-th row by id).
    const changes: [table: string, column: string, sql: string][] = [
      [
        'employee_actions',
        'title',
        `CASE WHEN t.id = $2 THEN '=HYPERLINK("https://example.com", "click")' ELSE value END`,
      ],
      [
        'employee_actions',
        'description',
        `CASE WHEN t.id = $2 THEN 'Said, "no"' || E'\\r\\n' || 'then' || E'\\n' || ' left' ELSE value END`,
      ],
      ['employee_actions', 'demands', 'awkward'],
      ['vocabulary_terms', 'label', `awkward || ' ' || value`],
      ['sources', 'title', 'CASE WHEN value IS NULL THEN NULL ELSE awkward END'],
      ['sources', 'publisher', `CASE WHEN value IS NULL THEN NULL ELSE awkward || E'\\n' || value END`],
      ['companies', 'name', 'awkward || value'],
      ['action_locations', 'city', `'- ' || E'\\r\\n' || coalesce(value, awkward)`],
      ['organizations', 'name', 'value || awkward'],
      // A char(2) code of one letter is written padded, as the JSON gives it.
      ['action_locations', 'country', `CASE WHEN value IS NULL THEN 'U' ELSE value END`],
    ];
    const saved = await Promise.all(
      changes.map(([table, column]) =>
        database().query<{ id: string; value: string | null }>(`SELECT id, ${column} AS value FROM ${table}`),
      ),
    );
    try {
      for (const [table, column, sql] of changes) {
        await database().query(
          `UPDATE ${table} t SET ${column} = ${sql.replaceAll('value', `t.${column}`)}
           FROM (SELECT id, ($1::text[])[1 + (row_number() OVER (ORDER BY id))::int % array_length($1::text[], 1)] AS awkward FROM ${table}) r
           WHERE r.id = t.id AND $2::text IS NOT NULL`,
          [AWKWARD, action],
        );
      }
      const columns = csvColumns(KIND_INFO.actions.record);
      const filterSets: RecordFilters[] = [{}, { company: 'salesforce' }, { from: 2018, to: 2019 }, { q: 'walkout' }];
      for (const filters of filterSets) {
        const records = (JSON.parse(await read(textStream(jsonChunks('actions', filters)))) as { data: unknown[] })
          .data;
        const expected = [
          csvRow(columns.map((column) => column.header)),
          ...records.map((record) => csvRecordRow(columns, record)),
        ];
        expect(await read(textStream(csvChunks('actions', filters))), JSON.stringify(filters)).toBe(expected.join(''));
        if (Object.keys(filters).length === 0) expect(records.length).toBeGreaterThan(5);
      }
      // The lines come from the database, not from the JSON records.
      const { openExport } = await import('@/lib/api/export');
      const opened = await openExport('actions', {}, { format: 'csv' });
      const first = await opened.pages.next();
      await opened.close();
      expect(Object.keys(first.value ?? {})).toEqual(['lines']);
    } finally {
      for (const [index, [table, column]] of changes.entries()) {
        const rows = saved[index] ?? [];
        await database().query(
          `UPDATE ${table} t SET ${column} = v.value FROM unnest($1::text[], $2::text[]) AS v(id, value) WHERE v.id = t.id`,
          [rows.map((row) => row.id), rows.map((row) => row.value)],
        );
      }
    }
  });
});

describe('the feeds', () => {
  const site = 'https://counterweight.example';
  const info = { title: 'Counterweight', subtitle: 'All', site, path: '/feeds/all.atom', page: '/' };

  it('are well-formed Atom with ids, titles and update times, latest first', async () => {
    const kinds: Kind[] = ['companies', 'agencies', 'organizations', 'actions', 'contracts', 'donations', 'statements'];
    const entries = feedEntries(site, await recentRecords(kinds, {}, 50));
    const feed = parseXml(atomFeed(info, entries));
    expect(feed.name).toBe('feed');
    expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    for (const name of ['id', 'title', 'updated', 'author']) expect(child(feed, name)).toBeDefined();
    const items = feed.children.filter((node) => node.name === 'entry');
    expect(items).toHaveLength(50);
    const updated = items.map((entry) => child(entry, 'updated')?.text ?? '');
    for (const entry of items) {
      expect(child(entry, 'id')?.text).toMatch(/^https:\/\/counterweight\.example\/api\/v1\/[a-z]+\/\S+$/);
      expect(child(entry, 'title')?.text.length).toBeGreaterThan(0);
      expect(child(entry, 'updated')?.text).toMatch(RFC3339);
    }
    expect(new Set(items.map((entry) => child(entry, 'id')?.text)).size).toBe(50);
    expect([...updated].sort().reverse()).toEqual(updated);
    expect(child(feed, 'updated')?.text).toBe(updated[0]);
    const json = JSON.parse(jsonFeed(info, entries)) as { version: string; items: { id: string }[] };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items.map((item) => item.id)).toEqual(items.map((entry) => child(entry, 'id')?.text));
  });

  it('say when an event happened, apart from when the record was published', async () => {
    const recent = await recentRecords(['actions', 'contracts', 'donations', 'statements', 'companies'], {}, 1000);
    const entries = feedEntries(site, recent);
    // The data set's open letter of 650 Salesforce employees.
    const [{ id: letterId } = { id: '' }] = await database().query<{ id: string }>(
      `SELECT id FROM employee_actions WHERE external_id = '92'`,
    );
    const letter = entries.find((entry) => entry.id.endsWith(`/api/v1/actions/${letterId}`));
    const raices = entries.find((entry) => entry.title === 'RAICES rejected $250,000 from Salesforce');
    const company = entries.find((entry) => entry.kind === 'companies');
    expect(letter?.when).toEqual({ words: '25 June 2018', date: '2018-06-25', precision: 'DAY' });
    expect(letter?.summary).toMatch(/^25 June 2018: \S/);
    expect(raices?.summary).toMatch(/^(\d{1,2} )?[A-Z][a-z]+ 2018: |^2018: /);
    // A company is no event: its summary is its own.
    expect(company?.when).toBeNull();
    const json = JSON.parse(jsonFeed(info, [letter!, company!])) as {
      items: { date_published: string; _counterweight: { date?: string; date_precision?: string } }[];
    };
    expect(json.items[0]?._counterweight).toMatchObject({ date: '2018-06-25', date_precision: 'DAY' });
    expect(json.items[0]?.date_published).not.toMatch(/^2018-06-25/);
    expect(json.items[1]?._counterweight).not.toHaveProperty('date');
    // A date known to the year or month is said no more precisely; a contract's is its award's.
    const recentContract = recent.find((item) => item.kind === 'contracts');
    expect(recentContract).toBeDefined();
    const [awarded] = feedEntries(site, [
      {
        ...recentContract!,
        record: { ...recentContract!.record, awardDate: '2019-01-01', awardDatePrecision: 'YEAR' },
      },
    ] as typeof recent);
    expect(awarded?.summary).toMatch(/^Awarded in 2019: /);
  });

  it('keep to one company, and escape what the record holds', async () => {
    const recent = await recentRecords(
      ['actions', 'contracts', 'donations', 'statements'],
      { company: 'salesforce' },
      50,
    );
    expect(recent.length).toBeGreaterThan(3);
    for (const { record } of recent) {
      const companies = 'companies' in record ? record.companies : 'company' in record ? [record.company] : [];
      expect(companies.map((company) => company.slug)).toContain('salesforce');
    }
    for (const broken of ['<feed><a></feed>', '<feed>AT&T</feed>', '<feed a="1" a="2"/>', '<feed>a < b</feed>'])
      expect(() => parseXml(broken)).toThrow();
    const [entry] = feedEntries(site, recent);
    const nasty = { ...entry!, title: 'AT&T <script> "quoted" \u0001 it\u2019s', summary: ']]> & <b>' };
    const parsed = parseXml(atomFeed(info, [nasty]));
    const item = child(parsed, 'entry')!;
    expect(child(item, 'title')?.text).toBe('AT&T <script> "quoted"  it\u2019s');
    expect(child(item, 'summary')?.text).toBe(']]> & <b>');
    expect(child(item, 'content')?.text).toContain('&lt;b&gt;');
  });
});

describe('filter values', () => {
  it('names a misspelt form or issue, and follows a merged one to the term it became', async () => {
    const { followMergedFilters, unknownSlugs } = await import('@/lib/data/open-data');
    expect(await unknownSlugs({ form: 'open-letters', issue: 'ethics' })).toEqual([
      { path: ['form'], message: 'no action form "open-letters" (GET /api/v1/vocabulary lists them)' },
    ]);
    expect(await unknownSlugs({ issue: 'ethic' })).toEqual([
      { path: ['issue'], message: 'no issue "ethic" (GET /api/v1/vocabulary lists them)' },
    ]);
    expect(await unknownSlugs({ employmentType: 'gig-worker' })).toEqual([
      { path: ['employmentType'], message: 'no employment type "gig-worker" (GET /api/v1/vocabulary lists them)' },
    ]);
    expect(await unknownSlugs({ employmentType: 'gig-workers' })).toEqual([]);
    const { client } = database();
    const survivor = await client.vocabularyTerm.findUniqueOrThrow({
      where: { kind_slug: { kind: 'ACTION_FORM', slug: 'open-letter' } },
    });
    await client.vocabularyTerm.create({
      data: { kind: 'ACTION_FORM', slug: 'letter-of-protest', label: 'Letter of protest', mergedIntoId: survivor.id },
    });
    const followed = await followMergedFilters({ form: 'letter-of-protest', from: 2018 });
    expect(followed).toEqual({ form: 'open-letter', from: 2018 });
    expect(await unknownSlugs(followed)).toEqual([]);
    // Unmerged, unknown and absent values are left as they are.
    expect(await followMergedFilters({ form: 'open-letters', company: 'salesforce' })).toEqual({
      form: 'open-letters',
      company: 'salesforce',
    });
  });

  it('says that words holding nothing to look for are no filter, in the API and the exports alike', async () => {
    const { openExport } = await import('@/lib/api/export');
    const issue = {
      path: ['q'],
      message: '"the" holds no word to look for: common words (the, of, or) and signs alone are left out',
    };
    for (const kind of ['actions', 'contracts', 'donations', 'statements'] as const) {
      const page = await listRecords(kind, { q: 'the' }, { limit: 10 });
      expect(page, kind).toEqual({ records: [], next: null, unknown: [issue] });
      const opened = await openExport(kind, { q: 'the' });
      expect(opened.unknown, kind).toEqual([issue]);
    }
    expect((await listRecords('actions', { q: '-' }, { limit: 10 })).unknown[0]?.path).toEqual(['q']);
    // A common word beside a word to look for is no problem.
    const page = await listRecords('actions', { q: 'the ICE' }, { limit: 10 });
    expect(page.unknown).toEqual([]);
    expect(page.records.length).toBeGreaterThan(0);
  });
});
