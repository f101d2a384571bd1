import { connection, NextResponse } from 'next/server';
import { db } from '@/lib/db';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * GET /api/health: whether the server can reach its database, through one `SELECT 1`.
 * Never cached: `connection()` makes every request run the query (route segment options such as
 * `dynamic = 'force-dynamic'` are not available when cacheComponents is on).
 */
export async function GET() {
  await connection();
  try {
    await db.$queryRaw`SELECT 1`;
    return NextResponse.json({ status: 'ok', database: 'reachable' }, { headers: NO_STORE });
  } catch (error) {
    console.error(`Health check: the database query failed: ${error instanceof Error ? error.message : String(error)}`);
    return NextResponse.json({ status: 'unavailable', database: 'unreachable' }, { status: 503, headers: NO_STORE });
  }
}
