/*
 * Refusals for a moment, raised wherever the limit is (the data layer) and answered by whichever
 * layer speaks to the client (lib/api/http.ts: 503 with Retry-After).
 */

/** Work the server refuses for now (every export connection in use): answered 503 with Retry-After. */
export class ServerBusy extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'ServerBusy';
  }
}
