import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { MAX_DEPTH } from './contract-citers';

/*
 * What a company's parent may be (no server-only import: the Collective Action importer, a
 * command, sets parents as the editors' forms do). A group is the companies under one topmost
 * parent; records cite the contracts of their own companies' group (lib/data/contract-links.ts).
 */

type Client = Prisma.TransactionClient | PrismaClient;

/** Whether making `parentId` the parent of `companyId` would make a loop: the company is the parent or above it. */
export async function parentWouldLoop(client: Client, companyId: string, parentId: string): Promise<boolean> {
  if (companyId === parentId) return true;
  const [row] = await client.$queryRaw<{ found: boolean }[]>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, 0 AS depth FROM companies WHERE id = ${parentId}
      UNION ALL
      SELECT c.id, c.parent_id, up.depth + 1 FROM companies c JOIN up ON c.id = up.parent_id WHERE up.depth < ${MAX_DEPTH}
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE id = ${companyId}) AS found`;
  return Boolean(row?.found);
}

/** A record citing a contract that a new parent would put in another group than the record's companies. */
export interface PartedCitation {
  kind: string;
  label: string;
  contract: string;
  holder: string;
}

/**
 * The first published or archived record (an archived one may be brought back as it was) that
 * would cite a contract of another group once `companyId` has `parentId` (null: none) as its
 * parent: a record of the company or of a company under it citing a contract of the group it
 * leaves, or a record of that group citing one of theirs (Google's action citing YouTube's
 * contract, once YouTube is no longer under Alphabet). Null when none would.
 */
export async function citationParted(
  client: Client,
  companyId: string,
  parentId: string | null,
): Promise<PartedCitation | null> {
  const [row] = await client.$queryRaw<PartedCitation[]>`
    WITH RECURSIVE
    edges AS (
      SELECT id, CASE WHEN id = ${companyId} THEN ${parentId}::text ELSE parent_id END AS parent_id FROM companies
    ),
    below AS (
      SELECT id, 0 AS depth FROM companies WHERE id = ${companyId}
      UNION ALL
      SELECT c.id, below.depth + 1 FROM companies c JOIN below ON c.parent_id = below.id WHERE below.depth < ${MAX_DEPTH}
    ),
    pairs AS (
      SELECT 'employee action' AS kind, a.id, a.title AS label, l.contract_id, x.company_id
      FROM employee_action_contracts l JOIN employee_actions a ON a.id = l.action_id
        JOIN employee_action_companies x ON x.action_id = a.id
      WHERE a.status IN ('PUBLISHED', 'ARCHIVED')
      UNION ALL
      SELECT 'donation response', d.id, c.name || coalesce(' and ' || o.name, ''), l.contract_id, d.company_id
      FROM donation_response_contracts l JOIN donation_responses d ON d.id = l.donation_response_id
        JOIN companies c ON c.id = d.company_id LEFT JOIN organizations o ON o.id = d.organization_id
      WHERE d.status IN ('PUBLISHED', 'ARCHIVED')
      UNION ALL
      SELECT 'statement', s.id, s.summary, s.contract_id, s.company_id FROM company_statements s
      WHERE s.contract_id IS NOT NULL AND s.status IN ('PUBLISHED', 'ARCHIVED')
    ),
    involved AS (
      SELECT p.kind, p.id, p.label, p.contract_id, p.company_id, g.company_id AS holder, g.title AS contract
      FROM pairs p JOIN government_contracts g ON g.id = p.contract_id
      WHERE g.company_id IN (SELECT id FROM below)
         OR p.id IN (SELECT id FROM pairs WHERE company_id IN (SELECT id FROM below))
    ),
    up AS (
      SELECT id AS start, id, parent_id, 0 AS depth FROM edges
      WHERE id IN (SELECT company_id FROM involved UNION SELECT holder FROM involved)
      UNION ALL
      SELECT up.start, e.id, e.parent_id, up.depth + 1 FROM edges e JOIN up ON e.id = up.parent_id
      WHERE up.depth < ${MAX_DEPTH}
    ),
    tops AS (SELECT start, id AS top FROM up WHERE parent_id IS NULL OR depth = ${MAX_DEPTH})
    SELECT i.kind, i.label, i.contract, h.name AS holder
    FROM involved i JOIN tops ct ON ct.start = i.company_id JOIN tops ht ON ht.start = i.holder
      JOIN companies h ON h.id = i.holder
    GROUP BY i.kind, i.id, i.label, i.contract_id, i.contract, h.name
    HAVING NOT bool_or(ct.top = ht.top)
    ORDER BY i.kind, i.label
    LIMIT 1`;
  return row ?? null;
}
