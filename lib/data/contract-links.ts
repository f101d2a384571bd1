import 'server-only';
import type { db } from '../db';
import type { Prisma } from '../generated/prisma/client';

/** The deepest parent chain followed (a guard against a loop of parents, which nothing should make). */
const MAX_DEPTH = 20;

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

/**
 * The published or archived records citing a contract (employee actions, donation responses,
 * statements) none of whose companies is in the group of `holderId`, the company the contract
 * would be moved to (a new company, null, is in none): the contract cannot change hands under them,
 * as they could not cite it once it had (`contractsOutsideGroup`); an archived one may be brought
 * back as it was.
 */
export async function citersOutsideGroup(
  client: Prisma.TransactionClient | typeof db,
  contractId: string,
  holderId: string | null,
): Promise<{ kind: string; label: string }[]> {
  const holder = holderId ?? '';
  return client.$queryRaw<{ kind: string; label: string }[]>`
    WITH RECURSIVE citing AS (
      SELECT 'employee action' AS kind, a.id, a.title AS label, x.company_id
      FROM employee_action_contracts l JOIN employee_actions a ON a.id = l.action_id
        JOIN employee_action_companies x ON x.action_id = a.id
      WHERE l.contract_id = ${contractId} AND a.status IN ('PUBLISHED', 'ARCHIVED')
      UNION ALL
      SELECT 'donation response', d.id, c.name || coalesce(' and ' || o.name, ''), d.company_id
      FROM donation_response_contracts l JOIN donation_responses d ON d.id = l.donation_response_id
        JOIN companies c ON c.id = d.company_id LEFT JOIN organizations o ON o.id = d.organization_id
      WHERE l.contract_id = ${contractId} AND d.status IN ('PUBLISHED', 'ARCHIVED')
      UNION ALL
      SELECT 'statement', s.id, s.summary, s.company_id FROM company_statements s
      WHERE s.contract_id = ${contractId} AND s.status IN ('PUBLISHED', 'ARCHIVED')
    ),
    up AS (
      SELECT id AS start, id, parent_id, 0 AS depth FROM companies
      WHERE id = ${holder} OR id IN (SELECT company_id FROM citing)
      UNION ALL
      SELECT up.start, c.id, c.parent_id, up.depth + 1 FROM companies c JOIN up ON c.id = up.parent_id
      WHERE up.depth < ${MAX_DEPTH}
    ),
    tops AS (SELECT start, id AS top FROM up WHERE parent_id IS NULL OR depth = ${MAX_DEPTH})
    SELECT citing.kind, citing.label FROM citing JOIN tops ON tops.start = citing.company_id
    GROUP BY citing.kind, citing.id, citing.label
    HAVING NOT bool_or(tops.top IN (SELECT top FROM tops WHERE start = ${holder}))
    ORDER BY citing.kind, citing.label`;
}
