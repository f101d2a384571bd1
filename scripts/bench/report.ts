// Plain-text tables for the benchmark's results.
import type { ExportResult } from './exports';
import type { LoadResult } from './load';
import type { QueryCount } from './queries';

/** A table with a header row; columns whose cells look numeric are right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = headers.map((_, column) =>
    rows.every((row) => /^[-–]?$|^[\d.,]+\*?(×| ms| KB)?$|^n\/a$/.test(row[column] ?? '')),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** 3 significant figures at most, no exponent: 1234 -> "1234", 12.34 -> "12.3", 0.01234 -> "0.0123". */
export function num(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value === 0) return '0';
  if (Math.abs(value) >= 100) return String(Math.round(value));
  const decimals = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(Math.min(decimals, 4));
}

export const ms = (value: number) => (Number.isFinite(value) ? `${num(value)} ms` : 'n/a');
export const kb = (bytes: number) => (Number.isFinite(bytes) ? `${num(bytes / 1024)} KB` : 'n/a');
export const ratio = (value: number) => (Number.isFinite(value) ? `${num(value)}×` : 'n/a');
export const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

export interface Measured {
  status: number;
  bytes: number;
  milliseconds: number;
  html: string;
  queries: QueryCount;
}

export interface Page {
  name: string;
  /** Null when the route is not available in this build. */
  path: string | null;
  /** The first (uncached) request and the one after it. */
  first?: Measured;
  again?: Measured;
  loads: LoadResult[];
}

export function printQueries(pages: Page[]): void {
  console.log('\nFirst requests: SQL statements counted by pg_stat_statements (uncached first request, then again)\n');
  const rows = pages.map((page) =>
    page.path && page.first
      ? [
          page.name,
          page.path,
          String(page.first.status),
          kb(page.first.bytes),
          ms(page.first.milliseconds),
          String(page.first.queries.total),
          String(page.again?.queries.total ?? ''),
          ms(page.again?.milliseconds ?? Number.NaN),
        ]
      : [page.name, '(not available)', '', '', '', '', '', ''],
  );
  console.log(table(['page', 'path', 'status', 'size', 'time', 'queries', 'again', 'time again'], rows));
}

/** Whether the profile's statement count grows with the company, and which statements differ. */
export function printProfileComparison(largest: Page, tenth: Page, small: Page, records: number[]): void {
  const count = (page: Page) => page.first?.queries.total ?? Number.NaN;
  console.log(
    `\nCompany profile, first request: ${count(largest)} statements for the largest company (${records[0]} records), ` +
      `${count(tenth)} for the largest at 1/10 (${records[1]} records), ${count(small)} for a small one (${records[2]} records).`,
  );
  const constant = count(largest) === count(tenth);
  console.log(
    constant ? 'The count does not grow with the number of records.' : 'The count GROWS with the number of records.',
  );
  if (count(largest) !== count(small)) {
    const [big, little] = [byTable(largest), byTable(small)];
    const differences = [...new Set([...big.keys(), ...little.keys()])]
      .filter((name) => big.get(name) !== little.get(name))
      .map((name) => `${name} ${big.get(name) ?? 0} vs ${little.get(name) ?? 0}`);
    console.log(`Statements by table, largest vs small company: ${differences.join(', ')}.`);
  }
}

/** Calls per table a page's statements read first (the table after the first FROM). */
function byTable(page: Page): Map<string, number> {
  const calls = new Map<string, number>();
  for (const { query, calls: n } of page.first?.queries.statements ?? []) {
    const name = /FROM\s+(?:"public"\.)?"?(\w+)/i.exec(query)?.[1] ?? 'other';
    calls.set(name, (calls.get(name) ?? 0) + n);
  }
  return calls;
}

/** The load runs; the first three pages are the floors: static, health (dynamic), page (dynamic, rendered). */
export function printLoads(pages: Page[], duration: number, warmup: number): void {
  const floor = (index: number, connections: number) =>
    pages[index]?.loads.find((result) => result.connections === connections)?.requestsPerSecond ?? Number.NaN;
  const rows: string[][] = [];
  for (const page of pages) {
    if (!page.path) {
      rows.push([page.name, '–', 'not available']);
      continue;
    }
    for (const result of page.loads) {
      rows.push([
        page.path,
        result.fixedRequests ? `${result.connections}*` : String(result.connections),
        num(result.requestsPerSecond),
        ms(result.p50),
        ms(result.p95),
        ms(result.p99),
        String(result.non2xx),
        String(result.errors),
        ratio(result.requestsPerSecond / floor(0, result.connections)),
        ratio(result.requestsPerSecond / floor(1, result.connections)),
        ratio(result.requestsPerSecond / floor(2, result.connections)),
        String(page.first?.queries.total ?? ''),
      ]);
    }
  }
  console.log(`\nLoad (autocannon, ${duration} s per run after ${warmup} s of warm-up)\n`);
  const headers = [
    'route',
    'conns',
    'req/s',
    'p50',
    'p95',
    'p99',
    'non-2xx',
    'errors',
    'vs static',
    'vs health',
    'vs page',
  ];
  console.log(table([...headers, 'queries'], rows));
  if (pages.some((page) => page.loads.some((result) => result.fixedRequests))) {
    console.log('* too slow for a timed run: measured over a fixed number of requests, 2 per connection.');
  }
}

export function printGrowth(full: Page, tenth: Page, fullRecords: number, tenthRecords: number): void {
  const at = (page: Page, connections: number) => page.loads.find((result) => result.connections === connections);
  const row = (label: string, page: Page, records: number) => [
    label,
    String(records),
    kb(page.first?.bytes ?? Number.NaN),
    String(page.first?.queries.total ?? ''),
    ms(page.first?.milliseconds ?? Number.NaN),
    ms(at(page, 1)?.p50 ?? Number.NaN),
    num(at(page, 1)?.requestsPerSecond ?? Number.NaN),
    num(at(page, 32)?.requestsPerSecond ?? Number.NaN),
  ];
  const growth = (f: (page: Page) => number) => ratio(f(full) / f(tenth));
  const perRequest = (connections: number) => (page: Page) => 1 / (at(page, connections)?.requestsPerSecond ?? NaN);
  console.log('\nThe largest company profile on the full data set and on 1/10 of it\n');
  console.log(
    table(
      ['data set', 'records', 'size', 'queries', '1st request', 'p50 @1', 'req/s @1', 'req/s @32'],
      [
        row('full', full, fullRecords),
        row('1/10', tenth, tenthRecords),
        [
          'growth',
          ratio(fullRecords / tenthRecords),
          growth((page) => page.first?.bytes ?? NaN),
          growth((page) => page.first?.queries.total ?? NaN),
          growth((page) => page.first?.milliseconds ?? NaN),
          growth((page) => at(page, 1)?.p50 ?? NaN),
          growth(perRequest(1)),
          growth(perRequest(32)),
        ],
      ],
    ),
  );
  console.log('(the growth of req/s is given as that of the time per request, 1 / req/s)');
}

export function printExports(results: ExportResult[], actions: number): void {
  const mb = (bytes: number) => (Number.isFinite(bytes) ? `${num(bytes / 1024 / 1024)} MB` : 'n/a');
  console.log(
    `\nExports, read whole by one client (the data set holds ${actions} employee actions; record.json: every list)\n`,
  );
  console.log(
    table(
      ['export', 'status', 'rows', 'size', 'time', 'rows/s', 'server memory before', 'server peak'],
      results.map((result) => [
        result.path,
        String(result.status),
        String(result.rows),
        mb(result.bytes),
        seconds(result.milliseconds),
        num(result.rowsPerSecond),
        mb(result.rssBefore),
        mb(result.rssPeak),
      ]),
    ),
  );
  console.log('(server memory: its resident set size, sampled every 25 ms while the export ran)');
}
