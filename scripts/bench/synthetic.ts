// Building blocks of the benchmark's synthetic data: a seeded random generator, a Zipf sampler,
// word lists, and a bulk insert that sends whole columns as arrays (one statement per 10,000 rows).
import type pg from 'pg';

/** A deterministic random generator (mulberry32): the same seed gives the same data set. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An item chosen with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let u = this.next() * total;
    for (const [item, weight] of items) {
      u -= weight;
      if (u < 0) return item;
    }
    return (items.at(-1) as readonly [T, number])[0];
  }

  /** An integer spread evenly on a logarithmic scale between min and max (amounts, headcounts). */
  logInt(min: number, max: number): number {
    return Math.round(Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min))));
  }

  /** A date between 2008 and 2025 as `YYYY-MM-DD`, with the precision the sources would give. */
  date(): { date: string; precision: 'DAY' | 'MONTH' | 'YEAR' } {
    const day = new Date(Date.UTC(2008, 0, 1) + this.int(0, 6574) * 86_400_000);
    const precision = this.weighted([
      ['DAY', 80],
      ['MONTH', 15],
      ['YEAR', 5],
    ] as const);
    if (precision === 'MONTH') day.setUTCDate(1);
    if (precision === 'YEAR') day.setUTCMonth(0, 1);
    return { date: day.toISOString().slice(0, 10), precision };
  }
}

/**
 * Draws 0-based ranks out of n with probability proportional to 1 / (rank + 1)^alpha: rank 0
 * gets the most records, a few ranks get thousands, most get a handful.
 */
export function zipfSampler(n: number, alpha: number, random: Random): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank += 1) {
    total += 1 / Math.pow(rank + 1, alpha);
    cumulative[rank] = total;
  }
  return () => {
    const u = random.next() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < u) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

export const ACTION_FORM_WEIGHTS = [
  ['open-letter', 30],
  ['protest', 20],
  ['walkout', 12],
  ['strike', 10],
  ['union-drive', 8],
  ['resignation', 6],
  ['legal-action', 4],
  ['shareholder-action', 3],
  ['boycott', 3],
  ['union-contract', 2],
  ['other', 2],
  ['hacktivism', 1],
  ['resources', 1],
] as const;

export const ISSUE_WEIGHTS = [
  ['ethics', 40],
  ['pay-and-benefits', 20],
  ['working-conditions', 20],
  ['discrimination', 8],
  ['job-security', 8],
  ['unfair-labor-practices', 4],
] as const;

export const SECTORS = [
  'Software',
  'Cloud computing',
  'Defense',
  'Consulting',
  'Data analytics',
  'Telecommunications',
  'Hardware',
  'Logistics',
] as const;

export const COUNTRIES = [
  ['US', 60],
  ['GB', 8],
  ['DE', 6],
  ['FR', 5],
  ['IN', 6],
  ['CA', 5],
  ['IE', 4],
  ['NL', 3],
  ['IL', 3],
] as const;

export const PLACES = [
  { city: 'San Francisco', region: 'California', country: 'US' },
  { city: 'Seattle', region: 'Washington', country: 'US' },
  { city: 'New York City', region: 'New York', country: 'US' },
  { city: 'Mountain View', region: 'California', country: 'US' },
  { city: 'Austin', region: 'Texas', country: 'US' },
  { city: 'London', region: 'England', country: 'GB' },
  { city: 'Dublin', region: 'Leinster', country: 'IE' },
  { city: 'Berlin', region: 'Berlin', country: 'DE' },
  { city: 'Paris', region: 'Île-de-France', country: 'FR' },
  { city: 'Bangalore', region: 'Karnataka', country: 'IN' },
  { city: 'Toronto', region: 'Ontario', country: 'CA' },
  { city: 'Tel Aviv', region: 'Tel Aviv District', country: 'IL' },
] as const;

export const PURPOSES = [
  'cloud hosting',
  'data analytics',
  'facial recognition software',
  'surveillance equipment',
  'case management software',
  'logistics support',
  'drone imagery analysis',
  'border sensors',
  'payroll systems',
  'translation services',
  'detention facility services',
  'predictive policing software',
] as const;

export const FILLERS = [
  'Organisers said more workers signed in the following days.',
  'The company did not answer requests for comment at the time.',
  'Organisers threatened a strike if their demands were not met.',
  'Workers shared the letter on internal forums before it reached the press.',
  'Several participants said they had raised the issue with managers for months.',
  'Supporters outside the company joined a rally the same week.',
  'The action followed reports about the contract in national newspapers.',
  'Participants asked the company to publish the terms of its government work.',
] as const;

export interface Column {
  name: string;
  /** The PostgreSQL type of one value: `text`, `int`, `date`, `numeric`, `boolean`, `"ContractStatus"`. */
  type: string;
  values: unknown[];
}

const BATCH = 10_000;

/**
 * Inserts rows given as columns: `INSERT INTO t (...) SELECT * FROM unnest($1::text[], ...)`,
 * one statement per batch. `constants` are SQL expressions for columns every row shares.
 */
export async function insertColumns(
  client: pg.ClientBase,
  table: string,
  columns: Column[],
  constants: Record<string, string> = {},
): Promise<number> {
  const rows = columns[0]?.values.length ?? 0;
  if (columns.some((column) => column.values.length !== rows)) {
    throw new Error(`insertColumns(${table}): columns of different lengths`);
  }
  const names = [...columns.map((column) => column.name), ...Object.keys(constants)]
    .map((name) => `"${name}"`)
    .join(', ');
  const arrays = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
  const extra = Object.values(constants)
    .map((expression) => `, ${expression}`)
    .join('');
  const sql = `INSERT INTO "${table}" (${names}) SELECT u.*${extra} FROM unnest(${arrays}) AS u`;
  for (let start = 0; start < rows; start += BATCH) {
    await client.query(
      sql,
      columns.map((column) => column.values.slice(start, start + BATCH)),
    );
  }
  return rows;
}

/** Rows collected column by column for `insertColumns`; a missing value is NULL. */
export class Rows<K extends string> {
  readonly columns: Column[];

  constructor(types: Record<K, string>) {
    this.columns = Object.entries<string>(types).map(([name, type]) => ({ name, type, values: [] }));
  }

  push(row: Partial<Record<K, unknown>>): void {
    for (const column of this.columns) column.values.push(row[column.name as K] ?? null);
  }

  get length(): number {
    return this.columns[0]?.values.length ?? 0;
  }
}

/**
 * Synthetic ids, shaped like the app's own (24 lower-case letters and digits, which proxy.ts
 * expects in record addresses): `synco000000000000000001` is synthetic-company-1's.
 */
export const syntheticId = (prefix: string, index: number) =>
  `syn${prefix}${String(index + 1).padStart(21 - prefix.length, '0')}`;

/** Constant columns of every public record: published, updated now. */
export const PUBLISHED_NOW = { status: `'PUBLISHED'::"PublicationStatus"`, updated_at: 'now()' };
