import 'server-only';
import type { db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { MAX_DEPTH } from '../records/contract-citers';

/**
 * The chosen contracts held by a company outside the group of the companies a record names: a
 * statement, donation response or employee action is about its own companies' contracts, those of
 * their parents and subsidiaries included (Google's employees and a contract of Alphabet's), never
 * another company's. A group is the companies under one topmost parent.
 */
export async function contractsOutsideGroup(
  client: Prisma.TransactionClient | typeof db,
  companyIds: string[],
  contractIds: string[],
): Promise<{ title: string; company: string }[]> {
  if (contractIds.length === 0) return [];
  return client.$queryRaw<{ title: string; company: string }[]>`
    WITH RECURSIVE up AS (
      SELECT id AS start, id, parent_id, 0 AS depth FROM companies
      WHERE id = ANY(${companyIds}) OR id IN (SELECT company_id FROM government_contracts WHERE id = ANY(${contractIds}))
      UNION ALL
      SELECT up.start, c.id, c.parent_id, up.depth + 1 FROM companies c JOIN up ON c.id = up.parent_id
      WHERE up.depth < ${MAX_DEPTH}
    ),
    tops AS (SELECT start, id AS top FROM up WHERE parent_id IS NULL OR depth = ${MAX_DEPTH})
    SELECT g.title, holder.name AS company
    FROM government_contracts g JOIN companies holder ON holder.id = g.company_id
      JOIN tops ON tops.start = g.company_id
    WHERE g.id = ANY(${contractIds})
      AND tops.top NOT IN (SELECT top FROM tops WHERE start = ANY(${companyIds}))
    ORDER BY g.title, g.id`;
}

