import type { Prisma, PrismaClient } from '../generated/prisma/client';

/*
 * Which records hold a contract to its company's group (no server-only import: the USAspending
 * importer, a command, uses it as the editors' forms do).
 */

/** The deepest parent chain followed (a guard against a loop of parents, which nothing should make). */
export const MAX_DEPTH = 20;

/**
 * The published or archived records citing a contract (employee actions, donation responses,
 * statements) none of whose companies is in the group of `holderId`, the company the contract
 * would be moved to (a new company, null, is in none): the contract cannot change hands under them,
 * as they could not cite it once it had (`contractsOutsideGroup`); an archived one may be brought
 * back as it was.
 */
export async function citersOutsideGroup(
  client: Prisma.TransactionClient | PrismaClient,
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
