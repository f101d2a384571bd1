// Readers for the load test: one autocannon instance per public route (so every route has its own
// latencies), the connections shared out between the routes. Every response is recorded with the
// time it finished, so the fault phase can tell errors during the outage from errors after it.
import { autocannon, type AutocannonInstance } from '../autocannon';

export interface Sample {
  /** When the response (or error) came, on the monotonic clock (`performance.now()`). */
  at: number;
  /** HTTP status, or 0 for a connection error or timeout. */
  status: number;
  ms: number;
}

export interface RouteRun {
  route: string;
  connections: number;
  samples: Sample[];
}

const running = new Set<AutocannonInstance>();

export function stopReaders(): void {
  for (const instance of running) instance.stop();
}

/** Loads every route at once for `seconds`, `connections` shared out between them. */
export async function runReaders(
  baseUrl: string,
  routes: string[],
  connections: number,
  seconds: number,
): Promise<RouteRun[]> {
  return Promise.all(
    routes.map((route, index) => {
      const share = Math.floor(connections / routes.length) + (index < connections % routes.length ? 1 : 0);
      const run: RouteRun = { route, connections: share, samples: [] };
      return new Promise<RouteRun>((resolve, reject) => {
        const instance = autocannon(
          { url: `${baseUrl}${route}`, connections: share, duration: seconds, timeout: 30 },
          (error) => {
            running.delete(instance);
            if (error) reject(error);
            else resolve(run);
          },
        );
        running.add(instance);
        instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
          run.samples.push({ at: performance.now(), status, ms: responseTime });
        });
        instance.on('reqError', () => run.samples.push({ at: performance.now(), status: 0, ms: 0 }));
      });
    }),
  );
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export const isError = (sample: Sample) => sample.status === 0 || sample.status >= 400;
