import { connection, NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { checkHealth, type HealthReport } from '@/lib/health';
import { logger } from '@/lib/log';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * GET /api/health: 200 when the database answers `SELECT 1` (within 2 s) and every committed
 * migration (prisma/migrations) finished there; otherwise 503 saying which check failed. Never
 * cached: `connection()` makes every request run the checks (route segment options such as
 * `dynamic = 'force-dynamic'` are not available when cacheComponents is on). Never a 500.
 */
export async function GET() {
  await connection();
  let report: HealthReport;
  try {
    const result = await checkHealth(<T>(sql: string) => db.$queryRawUnsafe<T[]>(sql));
    report = result.report;
    if (report.status !== 'ok') {
      await logger.error('health check failed', { report, error: result.error });
    }
  } catch (error) {
    // The client itself could not be made (e.g. no DATABASE_URL).
    report = { status: 'unavailable', database: 'unreachable', migrations: 'unknown' };
    await logger.error('health check failed', { report, error });
  }
  return NextResponse.json(report, { status: report.status === 'ok' ? 200 : 503, headers: NO_STORE });
}
