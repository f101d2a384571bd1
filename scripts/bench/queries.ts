// Counting the SQL statements a page runs, with PostgreSQL's own pg_stat_statements: the embedded
// server is started with `shared_preload_libraries=pg_stat_statements`; before a request the
// statistics are reset, after it the `calls` of every statement run in the app's database are
// summed. The counter itself works from the `postgres` database, so its own statements are never
// counted. This counts the statements the app sends, not transactions or round trips of the pool:
// `track=top`, since with `all` the statements inside SQL functions that the planner does not inline
// counted too, once per row a small table is read through them (agency_other_names on a data set of
// a few agencies: 30 "statements" for one search).
import pg from 'pg';

export const QUERY_COUNT_FLAGS = [
  '-c',
  'shared_preload_libraries=pg_stat_statements',
  '-c',
  'pg_stat_statements.track=top',
];

export interface QueryCount {
  total: number;
  /** Each statement, with the database's time executing it (all its calls, in milliseconds). */
  statements: { query: string; calls: number; ms: number }[];
}

export class QueryCounter {
  private constructor(private readonly client: pg.Client) {}

  /** Connects to the server's `postgres` database (adminUrl) and enables the extension there. */
  static async open(adminUrl: string): Promise<QueryCounter> {
    const client = new pg.Client({ connectionString: adminUrl });
    // A Ctrl-C in the terminal reaches the database too, which then closes this connection: the
    // benchmark is stopping anyway, so that must not crash it.
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await client.query('SELECT pg_stat_statements_reset()');
    } catch (error) {
      await client.end();
      throw new Error(
        `pg_stat_statements is not available (was the server started with shared_preload_libraries?): ${String(error)}`,
      );
    }
    return new QueryCounter(client);
  }

  /** The statements the database `database` ran while `request` ran (nothing else may use it meanwhile). */
  async count(database: string, request: () => Promise<unknown>): Promise<QueryCount> {
    await this.client.query('SELECT pg_stat_statements_reset()');
    await request();
    const { rows } = await this.client.query<{ query: string; calls: number; ms: number }>(
      `SELECT query, calls::int AS calls, total_exec_time::float8 AS ms FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)
         -- The server's own once-a-second check of the database (lib/database/watch.ts) is no page's query.
         AND query NOT LIKE '%database_watch%'
         -- Nor the setting each new connection of the pool is given (lib/database/client.ts).
         AND query NOT LIKE 'SET pg_trgm.%'
       ORDER BY calls DESC, query`,
      [database],
    );
    return { total: rows.reduce((sum, row) => sum + row.calls, 0), statements: rows };
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

export interface CompanyRecords {
  slug: string;
  actions: number;
  contracts: number;
  donations: number;
  statements: number;
  total: number;
}

/**
 * The company with the most records, and a small one for comparison (the one with at least one
 * employee action whose record count is closest to 3).
 */
export async function largestAndSmallCompany(url: string): Promise<{ largest: CompanyRecords; small: CompanyRecords }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<CompanyRecords & { role: string }>(`
      WITH per_company AS (
        SELECT c.slug,
          (SELECT count(*) FROM employee_action_companies x WHERE x.company_id = c.id)::int AS actions,
          (SELECT count(*) FROM government_contracts x WHERE x.company_id = c.id)::int AS contracts,
          (SELECT count(*) FROM donation_responses x WHERE x.company_id = c.id)::int AS donations,
          (SELECT count(*) FROM company_statements x WHERE x.company_id = c.id)::int AS statements
        FROM companies c WHERE c.status = 'PUBLISHED'
      ), totals AS (SELECT *, actions + contracts + donations + statements AS total FROM per_company)
      (SELECT 'largest' AS role, * FROM totals ORDER BY total DESC, slug LIMIT 1)
      UNION ALL
      (SELECT 'small' AS role, * FROM totals WHERE actions >= 1 ORDER BY abs(total - 3), slug LIMIT 1)`);
    const largest = rows.find((row) => row.role === 'largest');
    const small = rows.find((row) => row.role === 'small');
    if (!largest || !small) throw new Error('The synthetic database has no companies.');
    const strip = ({ role: _role, ...records }: CompanyRecords & { role: string }) => records;
    return { largest: strip(largest), small: strip(small) };
  } finally {
    await client.end();
  }
}

export function describeRecords(company: CompanyRecords): string {
  return (
    `${company.total} records (${company.actions} employee actions, ${company.contracts} contracts, ` +
    `${company.donations} donation responses, ${company.statements} statements)`
  );
}
