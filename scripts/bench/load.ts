// Load from the bench process with autocannon's programmatic API: a warm-up run whose results are
// thrown away, then the measured run. Latencies are taken from every response (autocannon's own
// summary has no 95th percentile), so p50/p95/p99 are exact over the measured run.
import { autocannon, type AutocannonInstance, type AutocannonResult } from '../autocannon';

export interface LoadResult {
  connections: number;
  /** Set when the timed run completed too few requests and a fixed number was made instead. */
  fixedRequests?: number;
  seconds: number;
  completed: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Mean size of a response body, in bytes. */
  meanBytes: number;
}

let running: AutocannonInstance | null = null;

/** Stops a load run in progress (Ctrl-C). */
export function stopLoad(): void {
  running?.stop();
}

function once(url: string, connections: number, run: { seconds: number } | { requests: number }, timeout: number) {
  const latencies: number[] = [];
  let bytes = 0;
  const length = 'seconds' in run ? { duration: run.seconds } : { amount: run.requests };
  return new Promise<{ result: AutocannonResult; latencies: number[]; bytes: number }>((resolve, reject) => {
    const instance = autocannon({ url, connections, timeout, ...length }, (error, result) => {
      running = null;
      if (error) reject(error);
      else resolve({ result, latencies, bytes });
    });
    running = instance;
    instance.on('response', (_client: unknown, _status: number, responseBytes: number, responseTime: number) => {
      latencies.push(responseTime);
      bytes += responseBytes;
    });
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * A warm-up run, a pause until the server is idle again (the warm-up's last requests, abandoned
 * by autocannon, may still be rendering), then the measured run. A page so slow that the timed
 * run completes fewer than 4 requests per connection is measured again with a fixed number of
 * requests (2 per connection), however long they take: a timed run only counts the requests that
 * happen to finish before its end, which then undercounts badly.
 */
export async function loadTest(
  baseUrl: string,
  path: string,
  options: { connections: number; seconds: number; warmupSeconds: number; timeoutSeconds: number },
): Promise<LoadResult> {
  const url = baseUrl + path;
  const { connections, timeoutSeconds } = options;
  await waitUntilIdle(baseUrl);
  if (options.warmupSeconds > 0) {
    await once(url, connections, { seconds: options.warmupSeconds }, timeoutSeconds);
    await waitUntilIdle(baseUrl);
  }
  let run = await once(url, connections, { seconds: options.seconds }, timeoutSeconds);
  let fixedRequests: number | undefined;
  if (run.latencies.length < 4 * connections) {
    fixedRequests = 2 * connections;
    await waitUntilIdle(baseUrl);
    run = await once(url, connections, { requests: fixedRequests }, timeoutSeconds);
  }
  const { result, latencies, bytes } = run;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    connections,
    fixedRequests,
    seconds: result.duration,
    completed: sorted.length,
    requestsPerSecond: sorted.length / result.duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    meanBytes: sorted.length ? bytes / sorted.length : 0,
  };
}

/**
 * Waits until the server answers the health check quickly three times in a row: requests a load
 * run abandoned at its end may still be rendering, and would slow the next run down.
 */
export async function waitUntilIdle(baseUrl: string, maxSeconds = 120): Promise<void> {
  const deadline = performance.now() + maxSeconds * 1000;
  let quick = 0;
  while (quick < 3 && performance.now() < deadline) {
    const started = performance.now();
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      quick = response.ok && performance.now() - started < 50 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, quick ? 100 : 500));
  }
}
