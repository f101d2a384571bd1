import 'server-only';
import { actionCsvLines, actionExportTexts } from '../data/action-export';
import { contractExportTexts } from '../data/contract-export';
import { donationExportTexts } from '../data/donation-export';
import { sourceExportTexts } from '../data/source-export';
import { statementExportTexts } from '../data/statement-export';
import { listRecords, mergedNames, unknownSlugs, type AnyRecord } from '../data/open-data';
import { siteUrl } from '../site';
import { decodeCursor } from './cursor';
import { csvColumns, csvRecordRow, csvRow } from './csv';
import { KIND_INFO, KINDS, type Kind, type RecordFilters } from './kinds';
import type { ApiIssue } from './schemas';
import { LICENCE } from './licence';

/*
 * Exports stream from the database, pulled as the reader reads, so that memory holds a page or two
 * whatever the size of the record and a slow reader slows the database down instead of filling a
 * buffer. Employee actions, contracts, donation responses, statements and sources, the longest
 * lists, come from one statement each streamed with COPY, each record's JSON written by PostgreSQL
 * (lib/data/copy-export.ts), and the actions' CSV lines too; the other kinds by keyset pagination
 * over the same listRecords the API serves, the next page read while the last is written.
 */

const EXPORT_PAGE_SIZE = 1000;

/**
 * A page of an export: records, or (the kinds exported by a statement, lib/data/copy-export.ts) their
 * JSON texts, or (the actions' CSV) their lines.
 */
export type ExportPage = { records: AnyRecord[] } | { texts: string[] } | { lines: string[] };

export interface ExportOptions {
  /** The pages to write, when already opened (`openExport`). */
  pages?: AsyncGenerator<ExportPage>;
  /** Records per page of the kinds read by keyset pagination (the others come as they arrive). */
  pageSize?: number;
  /** The kinds exported by a statement of their own wait for a free connection instead of failing busy. */
  patient?: boolean;
  /** The file the pages are for: the actions' CSV lines are written by their statement. */
  format?: 'csv' | 'json';
}

/** Every page of a list by keyset pagination, one page read ahead while the last is written. */
async function* recordPages(kind: Kind, filters: RecordFilters, pageSize: number): AsyncGenerator<ExportPage> {
  let page = await listRecords(kind, filters, { limit: pageSize, checkSlugs: false });
  for (;;) {
    const cursor = page.next ? decodeCursor(page.next, kind, KIND_INFO[kind].order) : null;
    const next = cursor && listRecords(kind, filters, { cursor, limit: pageSize, checkSlugs: false });
    next?.catch(() => undefined); // awaited below; a reader that stops early leaves it unawaited
    yield { records: page.records };
    if (!next) return;
    page = await next;
  }
}

async function* textPages(texts: AsyncGenerator<string[], void, undefined>): AsyncGenerator<ExportPage> {
  for await (const batch of texts) yield { texts: batch };
}

async function* linePages(lines: AsyncGenerator<string[], void, undefined>): AsyncGenerator<ExportPage> {
  for await (const batch of lines) yield { lines: batch };
}

function pagesOf(kind: Kind, filters: RecordFilters, options: ExportOptions): AsyncGenerator<ExportPage> {
  if (options.pages) return options.pages;
  const wait = { patient: options.patient };
  if (kind === 'actions') {
    return options.format === 'csv'
      ? linePages(actionCsvLines(filters, wait))
      : textPages(actionExportTexts(filters, wait));
  }
  if (kind === 'contracts') return textPages(contractExportTexts(filters, wait));
  if (kind === 'statements') return textPages(statementExportTexts(filters, wait));
  if (kind === 'donations') return textPages(donationExportTexts(filters, wait));
  if (kind === 'sources') return textPages(sourceExportTexts(wait));
  return recordPages(kind, filters, options.pageSize ?? EXPORT_PAGE_SIZE);
}

export interface OpenedExport {
  /** Filter slugs naming no published company or agency: answer 400 (nothing is left open then). */
  unknown: ApiIssue[];
  pages: AsyncGenerator<ExportPage>;
  /** Ends the export early (the reader went away): its connection goes back at once. */
  close: () => Promise<void>;
}

/**
 * Starts an export before answering: checks the filters' slugs and reads the first page, so that
 * an unknown slug answers 400 and an unavailable database an error status, not a broken download.
 */
export async function openExport(
  kind: Kind,
  filters: RecordFilters,
  options: Pick<ExportOptions, 'pageSize' | 'format'> = {},
): Promise<OpenedExport> {
  const unknown = await unknownSlugs(filters);
  if (unknown.length > 0) return { unknown, pages: (async function* () {})(), close: async () => undefined };
  const source = pagesOf(kind, filters, options);
  const close = async () => void (await source.return(undefined));
  const first = await source.next();
  async function* pages(): AsyncGenerator<ExportPage> {
    try {
      if (first.done) return;
      yield first.value;
      yield* source;
    } finally {
      await close();
    }
  }
  return { unknown, pages: pages(), close };
}

/** A byte stream of the generator's text, pulled chunk by chunk as the reader asks. */
export function textStream(chunks: AsyncGenerator<string>, close?: () => Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (cancelled) return;
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        await close?.();
        if (cancelled) return; // the reader went away meanwhile: nothing failed
        console.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
      await close?.();
    },
  });
}

function textsOf(page: ExportPage): string[] {
  if ('lines' in page) throw new Error('A JSON export was given the CSV lines of a list.');
  return 'texts' in page ? page.texts : page.records.map((record) => JSON.stringify(record));
}

/**
 * Records per chunk of text written: a chunk stays small enough (tens of kilobytes) to be allocated
 * and collected young, where a whole page's text would go to the large-object space and raise the
 * server's memory until a full collection.
 */
const CHUNK_RECORDS = 50;

function* slices<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK_RECORDS) yield items.slice(start, start + CHUNK_RECORDS);
}

export async function* csvChunks(kind: Kind, filters: RecordFilters, options: ExportOptions = {}) {
  const columns = csvColumns(KIND_INFO[kind].record);
  yield csvRow(columns.map((column) => column.header));
  const row = (record: AnyRecord) => csvRecordRow(columns, record);
  for await (const page of pagesOf(kind, filters, { ...options, format: 'csv' })) {
    if ('lines' in page) yield page.lines.join('');
    // Texts are parsed a slice at a time, so that few records are alive at once.
    else if ('texts' in page)
      for (const texts of slices(page.texts)) yield texts.map((text) => row(JSON.parse(text) as AnyRecord)).join('');
    else for (const records of slices(page.records)) yield records.map(row).join('');
  }
}

/** The records of a list as a JSON array's items, comma-separated across pages. */
async function* jsonItems(kind: Kind, filters: RecordFilters, options: ExportOptions) {
  let started = false;
  for await (const page of pagesOf(kind, filters, options)) {
    for (const texts of slices(textsOf(page))) {
      yield `${started ? ',' : ''}${texts.join(',')}`;
      started = true;
    }
  }
}

const about = () => ({
  publisher: 'Counterweight',
  url: siteUrl(),
  licence: LICENCE.summary,
  // The same, for programs: its SPDX identifier and its text's address.
  licenceSpdx: LICENCE.spdx,
  licenceUrl: LICENCE.url,
  dataSet: LICENCE.dataSet,
  howToCite: LICENCE.howToCite,
  generatedAt: new Date().toISOString(),
});

/** `{ "kind", "filters", …licence, "data": [ …every record… ] }` */
export async function* jsonChunks(kind: Kind, filters: RecordFilters, options: ExportOptions = {}) {
  // The filters as a client gives them: not the family a company's subsidiaries were read into.
  const { family: _family, ...given } = filters;
  const head = JSON.stringify({ kind, filters: given, ...about() });
  yield `${head.slice(0, -1)},"data":[`;
  yield* jsonItems(kind, filters, options);
  yield ']}\n';
}

/**
 * The whole published record: licence and citation, then every kind of record in turn, one after
 * the other. `opened` holds the pages of a kind already opened (the route opens the actions, so
 * that a busy server answers 503 before the download starts); the later kinds exported by a
 * statement of their own wait for a free export connection rather than fail the download midway.
 */
export async function* recordChunks(
  options: Pick<ExportOptions, 'pageSize'> & { opened?: Partial<Record<Kind, AsyncGenerator<ExportPage>>> } = {},
) {
  const head = JSON.stringify({ title: 'Counterweight: the published record', ...about() });
  yield head.slice(0, -1);
  // The lists already opened come first: their first rows are read at once, before the reader's
  // pace could let their idle timeout end them.
  const opened = KINDS.filter((kind) => options.opened?.[kind]);
  for (const kind of [...opened, ...KINDS.filter((kind) => !opened.includes(kind))]) {
    yield `,${JSON.stringify(kind)}:[`;
    yield* jsonItems(kind, {}, { pageSize: options.pageSize, pages: options.opened?.[kind], patient: true });
    yield ']';
  }
  yield `,"merged":${JSON.stringify(await mergedNames())}}\n`;
}
