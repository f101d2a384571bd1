// The open-data exports: one whole export downloaded, timed, while the server's resident memory is
// sampled from /proc (Linux only; elsewhere it prints n/a); then its records are counted by
// parsing it (every CSV record, or the JSON document).
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { readCsvRecords } from '../../lib/import/usaspending-csv';
import { waitUntilIdle } from './load';

export interface ExportResult {
  path: string;
  status: number;
  rows: number;
  bytes: number;
  milliseconds: number;
  rowsPerSecond: number;
  /** The server's resident memory just before the request and its highest sample during it, in bytes. */
  rssBefore: number;
  rssPeak: number;
}

/** The resident set size of a process, in bytes (NaN when /proc is not there). */
async function residentBytes(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kilobytes ? Number(kilobytes) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples a process's resident memory every `everyMs` until stopped; returns the highest sample. */
function sampleMemory(pid: number, everyMs = 25) {
  let peak = Number.NaN;
  let running = true;
  const done = (async () => {
    while (running) {
      const rss = await residentBytes(pid);
      if (!(rss <= peak)) peak = rss;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    running = false;
    await done;
    return peak;
  };
}

/**
 * The whole body, read as fast as it comes, with node:http and no copies (fetch's web streams, or
 * parsing meanwhile, would take CPU from the server on the machine both share).
 */
function download(url: string): Promise<{ status: number; chunks: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: 600_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, chunks }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`${url}: no answer within 10 minutes`)));
    request.on('error', reject);
  });
}

/**
 * The number of records of a CSV export (its header not counted), of a JSON export's `data`, or of
 * every list of the full dump (`record.json`: one array per kind).
 */
async function countRows(chunks: Buffer[], format: 'csv' | 'json'): Promise<number> {
  if (format === 'json') {
    const document = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    return Object.values(document).reduce<number>((sum, value) => sum + (Array.isArray(value) ? value.length : 0), 0);
  }
  let records = -1;
  const replay = async function* () {
    yield* chunks;
  };
  for await (const record of readCsvRecords(replay())) if (record.fields.length > 0) records += 1;
  return Math.max(records, 0);
}

/** Reads one export whole, as soon as the server is idle, and measures it. */
export async function measureExport(baseUrl: string, serverPid: number, path: string): Promise<ExportResult> {
  await waitUntilIdle(baseUrl);
  const format = path.split('?')[0]?.endsWith('.json') ? 'json' : 'csv';
  const rssBefore = await residentBytes(serverPid);
  const stop = sampleMemory(serverPid);
  const started = performance.now();
  let chunks: Buffer[] = [];
  let status = 0;
  let milliseconds = 0;
  let rssPeak = Number.NaN;
  try {
    ({ status, chunks } = await download(baseUrl + path));
    milliseconds = performance.now() - started;
  } finally {
    rssPeak = await stop();
  }
  // Counted after the clock stopped: every record parsed, as a client would.
  const rows = await countRows(chunks, format);
  const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  return {
    path,
    status,
    rows,
    bytes,
    milliseconds,
    rowsPerSecond: rows / (milliseconds / 1000),
    rssBefore,
    rssPeak: Math.max(rssPeak, rssBefore),
  };
}
