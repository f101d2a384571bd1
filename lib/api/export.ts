import 'server-only';
import { listRecords, type RecordPage } from '../data/open-data';
import { siteUrl } from '../site';
import { decodeCursor } from './cursor';
import { csvColumns, csvRow } from './csv';
import { KIND_INFO, KINDS, type Kind, type RecordFilters } from './kinds';
import { LICENCE } from './licence';

/*
 * Exports stream from the database: a ReadableStream that pulls one page of rows at a time by
 * keyset pagination (the same listRecords the API serves), so that memory holds one page whatever
 * the size of the record, and a slow reader slows the queries down instead of filling a buffer.
 */

export const EXPORT_PAGE_SIZE = 1000;

export interface ExportOptions {
  /** The first page, when already read (so that a bad filter could still answer 400). */
  first?: RecordPage<Kind>;
  pageSize?: number;
}

/** Every page of a list, one query round at a time. */
async function* pagesOf(kind: Kind, filters: RecordFilters, { first, pageSize = EXPORT_PAGE_SIZE }: ExportOptions) {
  let page = first ?? (await listRecords(kind, filters, { limit: pageSize }));
  for (;;) {
    yield page.records;
    const cursor = page.next ? decodeCursor(page.next, KIND_INFO[kind].order) : null;
    if (!cursor) return;
    page = await listRecords(kind, filters, { cursor, limit: pageSize, checkSlugs: false });
  }
}

/** The first page of an export, read before answering so that unknown filter slugs can answer 400. */
export function firstExportPage(kind: Kind, filters: RecordFilters) {
  return listRecords(kind, filters, { limit: EXPORT_PAGE_SIZE });
}

/** A byte stream of the generator's text, pulled chunk by chunk as the reader asks. */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        console.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export async function* csvChunks(kind: Kind, filters: RecordFilters, options: ExportOptions = {}) {
  const columns = csvColumns(KIND_INFO[kind].record);
  yield csvRow(columns.map((column) => column.header));
  for await (const records of pagesOf(kind, filters, options)) {
    if (records.length > 0)
      yield records.map((record) => csvRow(columns.map((column) => column.value(record)))).join('');
  }
}

/** The records of a list as a JSON array's items, comma-separated across pages. */
async function* jsonItems(kind: Kind, filters: RecordFilters, options: ExportOptions) {
  let started = false;
  for await (const records of pagesOf(kind, filters, options)) {
    if (records.length === 0) continue;
    yield `${started ? ',' : ''}${records.map((record) => JSON.stringify(record)).join(',')}`;
    started = true;
  }
}

const about = () => ({
  publisher: 'Counterweight',
  url: siteUrl(),
  licence: LICENCE.summary,
  dataSet: LICENCE.dataSet,
  howToCite: LICENCE.howToCite,
  generatedAt: new Date().toISOString(),
});

/** `{ "kind", "filters", …licence, "data": [ …every record… ] }` */
export async function* jsonChunks(kind: Kind, filters: RecordFilters, options: ExportOptions = {}) {
  const head = JSON.stringify({ kind, filters, ...about() });
  yield `${head.slice(0, -1)},"data":[`;
  yield* jsonItems(kind, filters, options);
  yield ']}\n';
}

/** The whole published record: licence and citation, then every kind of record in turn. */
export async function* recordChunks(options: Pick<ExportOptions, 'pageSize'> = {}) {
  const head = JSON.stringify({ title: 'Counterweight: the published record', ...about() });
  yield head.slice(0, -1);
  for (const kind of KINDS) {
    yield `,${JSON.stringify(kind)}:[`;
    yield* jsonItems(kind, {}, options);
    yield ']';
  }
  yield '}\n';
}
