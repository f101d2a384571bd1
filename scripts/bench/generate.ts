// The benchmark's SYNTHETIC data set: every company is named "Synthetic …", every source url is
// under https://synthetic.example/, every record is published, cites at least one source and has a
// revision by the actor 'bench:synthetic'. Companies draw their records from a Zipf distribution:
// synthetic-company-1 holds the most (about a tenth of everything), most companies a handful.
import pg from 'pg';
import { createDatabaseClient } from '../../lib/database/client';
import { ensureControlledTerms } from '../../lib/records/vocabulary';
import { slugify } from '../../lib/slug';
import { nameKey } from '../../lib/text';
import { CONTROLLED_TERMS } from '../../lib/vocabulary';
import {
  ACTION_FORM_WEIGHTS,
  COUNTRIES,
  ISSUE_WEIGHTS,
  PURPOSES,
  PUBLISHED_NOW,
  Random,
  Rows,
  SECTORS,
  insertColumns,
  syntheticId,
  zipfSampler,
} from './synthetic';
import { writeRecords, type TermChoice } from './records';

export const SYNTHETIC_ACTOR = 'bench:synthetic';
const ZIPF_ALPHA = 1;

export interface SyntheticCounts {
  companies: number;
  agencies: number;
  organizations: number;
  contracts: number;
  actions: number;
  donations: number;
  statements: number;
}

/** What `scale` 1 means: 10,000 companies, 100,000 employee actions, 20,000 contracts … */
export function syntheticCounts(scale: number): SyntheticCounts {
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  return {
    companies: n(10_000, 20),
    agencies: n(300, 10),
    organizations: n(2_000, 10),
    contracts: n(20_000, 20),
    actions: n(100_000, 100),
    donations: n(10_000, 10),
    statements: n(20_000, 20),
  };
}

export interface Generated {
  counts: SyntheticCounts;
  /** Every row written, links and revisions included. */
  rows: number;
  durationMs: number;
}

const id = syntheticId;
const published = PUBLISHED_NOW;

/** Fills an empty, migrated database with the synthetic data set, then analyses it. */
export async function generateSyntheticData(url: string, scale: number, seed = 20_261_127): Promise<Generated> {
  const started = performance.now();
  const counts = syntheticCounts(scale);
  const random = new Random(seed);
  const terms = await controlledTermIds(url);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: existing } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM companies');
    if ((existing[0]?.n ?? 0) > 0) throw new Error('The benchmark database is not empty.');
    let rows = 0;
    const insert = async (table: string, data: Rows<string>, constants: Record<string, string> = {}) => {
      rows += await insertColumns(client, table, data.columns, constants);
    };

    // Sources: one of its own for every contract, action, donation response and statement, plus a
    // shared pool ("wire" reports) cited by companies, agencies, organisations and a quarter of the rest.
    const own = { contracts: 0, actions: counts.contracts, donations: 0, statements: 0 };
    own.donations = own.actions + counts.actions;
    own.statements = own.donations + counts.donations;
    const poolStart = own.statements + counts.statements;
    const poolSize = Math.max(10, Math.round(poolStart * 0.05));
    const pool = (index: number) => id('src', poolStart + (index % poolSize));
    const maybePool = () => (random.chance(0.25) ? pool(random.int(0, poolSize - 1)) : null);
    const sources = new Rows({ id: 'text', url: 'text', publisher: 'text', title: 'text', published_at: 'date' });
    for (let k = 0; k < poolStart + poolSize; k += 1) {
      const wire = k >= poolStart;
      sources.push({
        id: id('src', k),
        url: `https://synthetic.example/${wire ? 'wire' : 'news'}/${k + 1}`,
        publisher: wire ? 'Synthetic Wire' : 'Synthetic News',
        title: `Synthetic report ${k + 1}`,
        published_at: random.date().date,
      });
    }
    await insert('sources', sources, { updated_at: 'now()' });

    const companyName = (index: number) => `Synthetic Company ${index + 1}`;
    const companies = new Rows({
      id: 'text',
      slug: 'text',
      name: 'text',
      sector: 'text',
      hq_country: 'text',
      website: 'text',
      description: 'text',
      parent_id: 'text',
    });
    const aliases = new Rows({ id: 'text', company_id: 'text', name: 'text', key: 'text' });
    const companySources = new Rows({ company_id: 'text', source_id: 'text' });
    for (let i = 0; i < counts.companies; i += 1) {
      const name = companyName(i);
      companies.push({
        id: id('co', i),
        slug: slugify(name),
        name,
        sector: random.pick(SECTORS),
        hq_country: random.weighted(COUNTRIES),
        website: `https://synthetic.example/company/${i + 1}`,
        description: `${name} is synthetic: generated for the benchmark, it is not a real company.`,
        parent_id: i >= 100 && random.chance(0.02) ? id('co', random.int(0, 49)) : null,
      });
      aliases.push({ id: id('al', i), company_id: id('co', i), name, key: nameKey(name) });
      if (random.chance(0.1)) {
        const alias = `SynCo ${i + 1}`;
        aliases.push({ id: id('alx', i), company_id: id('co', i), name: alias, key: nameKey(alias) });
      }
      companySources.push({ company_id: id('co', i), source_id: pool(i) });
    }
    await insert('companies', companies, published);
    await insert('company_aliases', aliases);
    await insert('company_sources', companySources);

    // Agencies: a fifth are departments, the rest bureaus under one of them.
    const departments = Math.max(3, Math.round(counts.agencies * 0.2));
    const agencies = new Rows({ id: 'text', slug: 'text', name: 'text', acronym: 'text', parent_id: 'text' });
    const agencyNames: string[] = [];
    const parentOf: number[] = [];
    for (let i = 0; i < counts.agencies; i += 1) {
      const department = i < departments;
      const name = department ? `Synthetic Department ${i + 1}` : `Synthetic Bureau ${i + 1 - departments}`;
      parentOf.push(department ? -1 : random.int(0, departments - 1));
      agencyNames.push(name);
      agencies.push({
        id: id('ag', i),
        slug: slugify(name),
        name,
        acronym: department ? `SD${i + 1}` : `SB${i + 1 - departments}`,
        parent_id: department ? null : id('ag', parentOf[i] as number),
      });
    }
    await insert('agencies', agencies, published);
    await insert(
      'agency_sources',
      linkAll(counts.agencies, (i) => [id('ag', i), pool(i)], 'agency_id'),
    );

    const kinds = ['NGO', 'LEGAL_AID', 'WORKER_GROUP', 'CAMPAIGN', 'UNIVERSITY', 'MEDIA', 'OTHER'] as const;
    const organizations = new Rows({ id: 'text', slug: 'text', name: 'text', kind: '"OrganizationKind"' });
    for (let i = 0; i < counts.organizations; i += 1) {
      const name = `Synthetic Organisation ${i + 1}`;
      organizations.push({ id: id('org', i), slug: slugify(name), name, kind: random.pick(kinds) });
    }
    await insert('organizations', organizations, published);
    await insert(
      'organization_sources',
      linkAll(counts.organizations, (i) => [id('org', i), pool(i)], 'organization_id'),
    );

    const companyRank = zipfSampler(counts.companies, ZIPF_ALPHA, random);
    const contractsOf = new Map<number, number[]>();
    const contracts = new Rows({
      id: 'text',
      company_id: 'text',
      agency_id: 'text',
      sub_agency_id: 'text',
      title: 'text',
      purpose: 'text',
      piid: 'text',
      award_key: 'text',
      obligated_amount: 'numeric',
      potential_amount: 'numeric',
      award_date: 'date',
      award_date_precision: '"DatePrecision"',
      period_start: 'date',
      period_end: 'date',
      contract_status: '"ContractStatus"',
    });
    const contractSources = new Rows({ contract_id: 'text', source_id: 'text' });
    const statuses = [
      ['ACTIVE', 40],
      ['COMPLETED', 25],
      ['CANCELLED', 5],
      ['NOT_RENEWED', 10],
      ['UNKNOWN', 20],
    ] as const;
    for (let j = 0; j < counts.contracts; j += 1) {
      const company = companyRank();
      const list = contractsOf.get(company) ?? [];
      list.push(j);
      contractsOf.set(company, list);
      const bureau = random.chance(0.7) ? random.int(departments, counts.agencies - 1) : -1;
      const agency = bureau >= 0 ? (parentOf[bureau] as number) : random.int(0, departments - 1);
      const obligated = random.logInt(10_000, 500_000_000);
      const award = random.date();
      const purpose = random.pick(PURPOSES);
      contracts.push({
        id: id('ct', j),
        company_id: id('co', company),
        agency_id: id('ag', agency),
        sub_agency_id: bureau >= 0 ? id('ag', bureau) : null,
        title: `Synthetic contract ${j + 1}: ${purpose}`,
        purpose: `${purpose.charAt(0).toUpperCase()}${purpose.slice(1)} for ${agencyNames[bureau >= 0 ? bureau : agency]}.`,
        piid: `SYN${j + 1}`,
        award_key: `SYN-AWARD-${j + 1}`,
        obligated_amount: `${obligated}.00`,
        potential_amount: `${Math.round(obligated * (1 + random.next() * 2))}.00`,
        award_date: award.date,
        award_date_precision: award.precision,
        period_start: award.date,
        period_end: yearsLater(award.date, random.int(1, 5)),
        contract_status: random.weighted(statuses),
      });
      contractSources.push({ contract_id: id('ct', j), source_id: id('src', own.contracts + j) });
      const extra = maybePool();
      if (extra) contractSources.push({ contract_id: id('ct', j), source_id: extra });
    }
    await insert('government_contracts', contracts, published);
    await insert('contract_sources', contractSources);

    await writeRecords({ insert, random, counts, terms, companyRank, companyName, contractsOf, own, maybePool });
    rows += await writeRevisions(client);
    await client.query('VACUUM ANALYZE');
    // What was written goes to disk now rather than at a checkpoint in the middle of a measurement.
    await client.query('CHECKPOINT');
    return { counts, rows, durationMs: performance.now() - started };
  } finally {
    await client.end();
  }
}

/** `YYYY-MM-DD` plus whole years (29 February becomes 1 March). */
function yearsLater(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + years, month - 1, day)).toISOString().slice(0, 10);
}

/** One CREATE revision by 'bench:synthetic' for every record, written by the database itself. */
async function writeRevisions(client: pg.Client): Promise<number> {
  const tables = [
    ['sources', 'SOURCE'],
    ['companies', 'COMPANY'],
    ['agencies', 'AGENCY'],
    ['organizations', 'ORGANIZATION'],
    ['government_contracts', 'CONTRACT'],
    ['employee_actions', 'EMPLOYEE_ACTION'],
    ['donation_responses', 'DONATION_RESPONSE'],
    ['company_statements', 'COMPANY_STATEMENT'],
  ] as const;
  let rows = 0;
  for (const [table, recordType] of tables) {
    const result = await client.query(
      `INSERT INTO revisions (id, record_type, record_id, kind, actor, reason, after)
       SELECT 'synrv' || id, '${recordType}'::"RecordType", id, 'CREATE'::"RevisionKind", $1,
              'Synthetic data generated for the benchmark (scripts/bench)', jsonb_build_object('synthetic', true)
       FROM "${table}" WHERE id LIKE 'syn%'`,
      [SYNTHETIC_ACTOR],
    );
    rows += result.rowCount ?? 0;
  }
  return rows;
}

function linkAll(count: number, pair: (index: number) => [string, string], column: string): Rows<string> {
  const rows = new Rows({ [column]: 'text', source_id: 'text' });
  for (let i = 0; i < count; i += 1) {
    const [recordId, sourceId] = pair(i);
    rows.push({ [column]: recordId, source_id: sourceId });
  }
  return rows;
}

/** The ids and labels of the controlled action forms and issues (created when missing). */
async function controlledTermIds(url: string) {
  const prisma = createDatabaseClient(url, { max: 1 });
  try {
    await ensureControlledTerms(prisma);
    const stored = await prisma.vocabularyTerm.findMany({
      where: { kind: { in: ['ACTION_FORM', 'ISSUE'] } },
      select: { id: true, kind: true, slug: true },
    });
    const idOf = (kind: 'ACTION_FORM' | 'ISSUE', slug: string) => {
      const term = stored.find((candidate) => candidate.kind === kind && candidate.slug === slug);
      if (!term) throw new Error(`The controlled term ${kind} ${slug} is missing`);
      const label = CONTROLLED_TERMS[kind].find((definition) => definition.slug === slug)?.label ?? slug;
      return { id: term.id, label };
    };
    return {
      forms: ACTION_FORM_WEIGHTS.map(([slug, weight]): [TermChoice, number] => [idOf('ACTION_FORM', slug), weight]),
      issues: ISSUE_WEIGHTS.map(([slug, weight]): [TermChoice, number] => [idOf('ISSUE', slug), weight]),
    };
  } finally {
    await prisma.$disconnect();
  }
}
