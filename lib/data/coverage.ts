import 'server-only';
import { db } from '../db';
import type { DatePrecision } from '../generated/prisma/enums';
import { COLLECTIVE_ACTION_SOURCE } from '../import/collective-action-import';

/**
 * The latest published action imported from the Collective Action in Tech data set, with its date's
 * precision: how far the data set reaches, which a reader needs to know before taking the absence of
 * later actions as news. Null when nothing was imported.
 */
export async function datasetReach(): Promise<{ date: Date; precision: DatePrecision } | null> {
  const latest = await db.employeeAction.findFirst({
    where: { externalSource: COLLECTIVE_ACTION_SOURCE, status: 'PUBLISHED' },
    orderBy: [{ startDate: 'desc' }, { id: 'desc' }],
    select: { startDate: true, datePrecision: true },
  });
  return latest ? { date: latest.startDate, precision: latest.datePrecision } : null;
}
