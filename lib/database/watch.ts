import pg from 'pg';
import { ListenedClient } from './listened-client';

/*
 * Whether the database answers, as the server sees it (scripts/serve.ts). While it does not, pages
 * that are not in the page cache are answered at once with a friendly 503 instead of being
 * rendered into an error, and the database is asked again at most once a second (four times a
 * second while it is away), so that the server serves again within a moment of its return. Only reads are turned away: a form's
 * write still reaches its Server Action, which refuses it with the form kept.
 */

export interface DatabaseWatchOptions {
  /** How long "it answers" holds before the database is asked again, in milliseconds. */
  intervalMs?: number;
  /** How long "it does not answer" holds (shorter: the server serves again soon after its return). */
  downIntervalMs?: number;
  /** How long the database has to answer `SELECT 1`, in milliseconds. */
  timeoutMs?: number;
}

export class DatabaseWatch {
  private readonly pool: pg.Pool;
  private readonly intervalMs: number;
  private readonly downIntervalMs: number;
  private up = true;
  /** When it last answered or failed to, on the monotonic clock (a stepped system clock does not stop the asking). */
  private checkedAt = -Infinity;
  private pending: Promise<boolean> | null = null;

  constructor(connectionString: string, options: DatabaseWatchOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.downIntervalMs = options.downIntervalMs ?? 250;
    const timeoutMs = options.timeoutMs ?? 1000;
    this.pool = new pg.Pool({
      // Its connections' late errors kept from being thrown, as the app's (lib/database/client.ts).
      Client: ListenedClient,
      connectionString,
      max: 1,
      connectionTimeoutMillis: timeoutMs,
      idleTimeoutMillis: 10_000,
      query_timeout: timeoutMs,
    });
    // A connection the server closes while idle (the database stopping) is not an error here.
    this.pool.on('error', () => undefined);
  }

  /** Whether the database answered lately; asks it again when the last answer is over a second old. */
  async isUp(): Promise<boolean> {
    if (performance.now() - this.checkedAt < (this.up ? this.intervalMs : this.downIntervalMs)) return this.up;
    this.pending ??= this.pool
      .query('SELECT 1 AS database_watch')
      .then(
        () => true,
        () => false,
      )
      .then((up) => {
        this.up = up;
        this.checkedAt = performance.now();
        this.pending = null;
        return up;
      });
    return this.pending;
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}

/** The page a visitor sees while the database is away: no script, no stored text. */
export const UNAVAILABLE_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Unavailable for a moment · Counterweight</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1c1917;line-height:1.5}a{color:#1c1917}</style>
</head>
<body>
<main>
<h1>Counterweight is unavailable for a moment</h1>
<p>The record’s database is not answering. Nothing you did is lost: please try again in a minute.</p>
<p><a href="">Try again</a></p>
</main>
</body>
</html>
`;
