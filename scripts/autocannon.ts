// autocannon, as the benchmark (scripts/bench) and the load test (scripts/loadtest) use it.
//
// autocannon keeps every response's body as a string (`body += chunk`, decoding UTF-8 on the way)
// for options neither uses (verifyBody, expectBody, onResponse). On a large page with text beyond
// ASCII that decoding, not the server, set the pace: a 167 KB profile replayed by a trivial server
// made 448 requests/s at 32 connections as it is, 1,484 with its few non-ASCII characters
// replaced, and thousands once bodies were not kept (docs/decisions/005-public-caching.md).
// Bodies are counted (the `response` event's bytes), not kept.
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

export interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

export interface AutocannonOptions {
  url: string;
  connections: number;
  /** Seconds to run, or … */
  duration?: number;
  /** … a number of requests to make, however long they take. */
  amount?: number;
  timeout: number;
}

export type AutocannonInstance = EventEmitter & { stop: () => void };
type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

// autocannon ships no types; this is the part of its API the scripts use.
const require = createRequire(import.meta.url);
export const autocannon = require('autocannon') as Autocannon;

const queue = require('autocannon/lib/pipelinedRequestsQueue.js') as {
  prototype: { addBody: (data: Buffer) => void };
};
queue.prototype.addBody = () => undefined;
