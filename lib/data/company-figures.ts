import 'server-only';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { DatePrecision } from '../generated/prisma/enums';
import type { EndedContract } from '../contract-status';

/** Sums of Decimal money per currency, as exact decimal strings. */
export type MoneyByCurrency = { currency: string; amount: string }[];

export interface CompanyFigures {
  contracts: {
    count: number;
    obligated: MoneyByCurrency;
    potential: MoneyByCurrency;
    /** The contracts without an obligated (a potential) amount, which those sums leave out. */
    obligatedUnknown: number;
    potentialUnknown: number;
    /**
     * Per published agency, the contracts it awarded as agency or as sub-agency (as /agencies and the
     * agency filters count them: a CBP contract is DHS's too); `parent` is the agency it is part of.
     */
    byAgency: {
      slug: string;
      name: string;
      acronym: string | null;
      parent: { slug: string; name: string; acronym: string | null } | null;
      count: number;
      obligated: MoneyByCurrency;
      obligatedUnknown: number;
    }[];
    endedAfterActions: EndedContract[];
  };
  actions: {
    count: number;
    /** Those the record ties to one of these companies' contracts: most actions are about something else. */
    onContracts: number;
    byForm: { slug: string; label: string; count: number }[];
    byIssue: { slug: string; label: string; count: number }[];
    /** Sum of the known participant counts (low and high ends) and how many actions have one. */
    participantsLow: number;
    participantsHigh: number;
    withParticipants: number;
    /** How many give only a highest number ("nearly five thousand"): no lowest to add to participantsLow. */
    withHighestOnly: number;
    outcomes: { met: number; partlyMet: number; notMet: number; pending: number; unknown: number };
    first: Date | null;
    last: Date | null;
  };
  /** Per response, the amounts summed per currency and how many responses give none (left out of the sums). */
  donations: { byResponse: { response: string; count: number; amounts: MoneyByCurrency; amountUnknown: number }[] };
  statements: { count: number; byKind: { kind: string; count: number }[] };
  /** The latest dated record, at the precision it is known to (a month's record says its month). */
  lastActivity: { date: Date; precision: DatePrecision } | null;
  /** Per year: employee actions started, and obligated value of contracts awarded (USD). */
  years: { year: number; actions: number; contractValue: number }[];
}

/** The ids of a published company and, when asked, of all its published subsidiaries at any depth. */
export async function companyScope(companyId: string, includeSubsidiaries: boolean): Promise<string[]> {
  return includeSubsidiaries ? (await companyFamily(companyId)).map((company) => company.id) : [companyId];
}

/** The company and its published subsidiaries at every depth, with their slugs (the cache tags of what a roll-up counts). */
export async function companyFamily(companyId: string): Promise<{ id: string; slug: string; name: string }[]> {
  // UNION (not UNION ALL) over whole rows stops at a company seen before, should parents ever form
  // a loop: no column that grows with depth may be added to the rows.
  return db.$queryRaw<{ id: string; slug: string; name: string }[]>`
    WITH RECURSIVE scope AS (
      SELECT id, slug, name FROM companies WHERE id = ${companyId}
      UNION
      SELECT c.id, c.slug, c.name FROM companies c JOIN scope s ON c.parent_id = s.id WHERE c.status = 'PUBLISHED'
    ) SELECT id, slug, name FROM scope ORDER BY id <> ${companyId}, name`;
}

/**
 * The slugs of a published company and of its published subsidiaries at every depth (as its
 * profile rolls them up); undefined when it has none, or is not on record (the filter says so).
 */
export async function familySlugs(slug: string): Promise<string[] | undefined> {
  const company = await db.company.findFirst({ where: { slug, status: 'PUBLISHED', mergedIntoId: null }, select: { id: true } });
  const family = company ? await companyFamily(company.id) : [];
  return family.length > 1 ? family.map((member) => member.slug) : undefined;
}

const n = (value: bigint | number | null) => Number(value ?? 0);

/** Rows with the same key, in the order their keys first appear. */
function groupBy<T>(rows: T[], key: (row: T) => string): [T, ...T[]][] {
  const groups = new Map<string, [T, ...T[]]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return [...groups.values()];
}

function money(rows: { currency: string; amount: string | null }[]): MoneyByCurrency {
  return rows.filter((row) => row.amount !== null).map((row) => ({ currency: row.currency, amount: row.amount as string }));
}

/**
 * Everything a profile counts, computed by PostgreSQL over the published records of the given
 * companies: a fixed number of queries whatever the companies' size.
 */
export async function getCompanyFigures(ids: string[]): Promise<CompanyFigures> {
  const [contractTotals, byAgency, ended, actionTotals, terms, donations, statements, years] = await Promise.all([
    db.$queryRaw<
      {
        currency: string;
        count: bigint;
        obligated: string | null;
        potential: string | null;
        obligated_unknown: bigint;
        potential_unknown: bigint;
        last: Date | null;
        last_precision: DatePrecision | null;
      }[]
    >`
      SELECT currency, count(*) AS count, sum(obligated_amount)::text AS obligated, sum(potential_amount)::text AS potential,
             count(*) FILTER (WHERE obligated_amount IS NULL) AS obligated_unknown,
             count(*) FILTER (WHERE potential_amount IS NULL) AS potential_unknown,
             -- The latest status change, of a contract with an award date or without: activity too.
             max(status_changed_at) AS last, ${LAST_PRECISION('status_changed_at', 'status_changed_precision')}
      -- US dollars first, then by code, as the agencies' totals and the comparison's file give them.
      FROM government_contracts WHERE company_id = ANY(${ids}) AND status = 'PUBLISHED' GROUP BY currency
      ORDER BY currency <> 'USD', currency`,
    db.$queryRaw<
      {
        slug: string;
        name: string;
        acronym: string | null;
        parent_slug: string | null;
        parent_name: string | null;
        parent_acronym: string | null;
        currency: string;
        count: bigint;
        obligated: string | null;
        obligated_unknown: bigint;
      }[]
    >`
      SELECT g.slug, g.name, g.acronym, p.slug AS parent_slug, p.name AS parent_name, p.acronym AS parent_acronym,
             k.currency, count(*) AS count, sum(k.obligated_amount)::text AS obligated,
             count(*) FILTER (WHERE k.obligated_amount IS NULL) AS obligated_unknown
      FROM government_contracts k
      JOIN agencies g ON (g.id = k.agency_id OR g.id = k.sub_agency_id) AND g.status = 'PUBLISHED'
      LEFT JOIN agencies p ON p.id = g.parent_id AND p.status = 'PUBLISHED'
      WHERE k.company_id = ANY(${ids}) AND k.status = 'PUBLISHED'
      GROUP BY g.slug, g.name, g.acronym, p.slug, p.name, p.acronym, k.currency
      -- By each agency's contracts in every currency; a department before its sub-agencies when
      -- they count the same contracts.
      ORDER BY sum(count(*)) OVER (PARTITION BY g.slug) DESC, p.slug IS NOT NULL, g.name, k.currency`,
    db.$queryRaw<
      {
        id: string;
        title: string;
        status: string;
        changed_at: Date | null;
        changed_precision: DatePrecision;
        first_action_at: Date;
        first_action_precision: DatePrecision;
      }[]
    >`
      SELECT k.id, k.title, k.contract_status::text AS status,
             k.status_changed_at AS changed_at, k.status_changed_precision::text AS changed_precision,
             min(a.start_date) AS first_action_at,
             -- The first action's precision; of two on its first day, the more precise.
             (array_agg(a.date_precision::text ORDER BY a.start_date, a.date_precision = 'DAY' DESC, a.date_precision = 'MONTH' DESC))[1] AS first_action_precision
      FROM government_contracts k
      JOIN employee_action_contracts x ON x.contract_id = k.id
      JOIN employee_actions a ON a.id = x.action_id AND a.status = 'PUBLISHED'
      WHERE k.company_id = ANY(${ids}) AND k.status = 'PUBLISHED' AND k.contract_status IN ('CANCELLED', 'NOT_RENEWED')
      GROUP BY k.id
      -- Ended after the actions, or perhaps so: not a contract that ended before the first of them
      -- began (a date stands for its whole day, month or year).
      HAVING k.status_changed_at IS NULL
          OR k.status_changed_at + CASE k.status_changed_precision WHEN 'YEAR' THEN interval '1 year'
                                   WHEN 'MONTH' THEN interval '1 month' ELSE interval '1 day' END > min(a.start_date)
      ORDER BY k.title`,
    db.$queryRaw<
      {
        count: bigint;
        on_contracts: bigint;
        low: bigint | null;
        high: bigint | null;
        with_participants: bigint;
        highest_only: bigint;
        met: bigint;
        partly_met: bigint;
        not_met: bigint;
        pending: bigint;
        unknown: bigint;
        first: Date | null;
        last: Date | null;
        last_precision: DatePrecision | null;
      }[]
    >`
      SELECT count(*) AS count,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM employee_action_contracts x
               JOIN government_contracts k ON k.id = x.contract_id AND k.status = 'PUBLISHED'
               WHERE x.action_id = a.id AND k.company_id = ANY(${ids}))) AS on_contracts,
             sum(participants_min) AS low, sum(coalesce(participants_max, participants_min)) AS high,
             count(participants_min) AS with_participants,
             count(*) FILTER (WHERE participants_min IS NULL AND participants_max IS NOT NULL) AS highest_only,
             count(*) FILTER (WHERE outcome = 'MET') AS met, count(*) FILTER (WHERE outcome = 'PARTLY_MET') AS partly_met,
             count(*) FILTER (WHERE outcome = 'NOT_MET') AS not_met, count(*) FILTER (WHERE outcome = 'PENDING') AS pending,
             count(*) FILTER (WHERE outcome = 'UNKNOWN') AS unknown, min(start_date) AS first, max(start_date) AS last,
             ${LAST_PRECISION('start_date', 'date_precision')}
      FROM employee_actions a
      WHERE a.status = 'PUBLISHED' AND EXISTS (SELECT 1 FROM employee_action_companies c WHERE c.action_id = a.id AND c.company_id = ANY(${ids}))`,
    db.$queryRaw<{ kind: string; slug: string; label: string; count: bigint }[]>`
      SELECT t.kind::text AS kind, t.slug, t.label, count(DISTINCT a.id) AS count
      FROM employee_actions a
      JOIN employee_action_terms l ON l.action_id = a.id
      JOIN vocabulary_terms t ON t.id = l.term_id AND t.kind IN ('ACTION_FORM', 'ISSUE')
      WHERE a.status = 'PUBLISHED' AND EXISTS (SELECT 1 FROM employee_action_companies c WHERE c.action_id = a.id AND c.company_id = ANY(${ids}))
      GROUP BY t.kind, t.slug, t.label ORDER BY count DESC, t.label`,
    db.$queryRaw<
      {
        response: string;
        currency: string;
        count: bigint;
        amount: string | null;
        amount_unknown: bigint;
        last: Date | null;
        last_precision: DatePrecision | null;
      }[]
    >`
      SELECT response::text AS response, currency, count(*) AS count, sum(amount)::text AS amount,
             count(*) FILTER (WHERE amount IS NULL) AS amount_unknown, max(date) AS last,
             ${LAST_PRECISION('date', 'date_precision')}
      FROM donation_responses WHERE company_id = ANY(${ids}) AND status = 'PUBLISHED'
      GROUP BY response, currency ORDER BY response, currency`,
    db.$queryRaw<{ kind: string; count: bigint; last: Date | null; last_precision: DatePrecision | null }[]>`
      SELECT kind::text AS kind, count(*) AS count, max(date) AS last, ${LAST_PRECISION('date', 'date_precision')}
      FROM company_statements WHERE company_id = ANY(${ids}) AND status = 'PUBLISHED' GROUP BY kind ORDER BY count(*) DESC`,
    db.$queryRaw<
      { year: number; actions: bigint; contract_value: string | null; last: Date | null; last_precision: DatePrecision | null }[]
    >`
      SELECT year, sum(actions) AS actions, sum(contract_value)::text AS contract_value, max(last_contract) AS last,
             ${LAST_PRECISION('last_contract', 'last_precision')} FROM (
        SELECT extract(year FROM a.start_date)::int AS year, count(*) AS actions, 0::numeric AS contract_value,
               NULL::date AS last_contract, NULL::"DatePrecision" AS last_precision
        FROM employee_actions a
        WHERE a.status = 'PUBLISHED' AND EXISTS (SELECT 1 FROM employee_action_companies c WHERE c.action_id = a.id AND c.company_id = ANY(${ids}))
        GROUP BY 1
        UNION ALL
        SELECT extract(year FROM k.award_date)::int, 0, coalesce(sum(k.obligated_amount) FILTER (WHERE k.currency = 'USD'), 0),
               -- The latest award, at the precision it is known to (status changes are the totals' last).
               max(k.award_date), (array_agg(k.award_date_precision ORDER BY k.award_date DESC, k.award_date_precision))[1]
        FROM government_contracts k
        WHERE k.company_id = ANY(${ids}) AND k.status = 'PUBLISHED' AND k.award_date IS NOT NULL GROUP BY 1
      ) y GROUP BY year ORDER BY year`,
  ]);

  const actions = actionTotals[0];
  const agencies = groupBy(byAgency, (row) => row.slug);
  const responses = groupBy(donations, (row) => row.response);
  const lasts = [actions, ...contractTotals, ...donations, ...statements, ...years].flatMap((row) =>
    row?.last instanceof Date ? [{ date: row.last, precision: row.last_precision ?? 'DAY' }] : [],
  );

  return {
    contracts: {
      count: contractTotals.reduce((sum, row) => sum + n(row.count), 0),
      obligated: money(contractTotals.map((row) => ({ currency: row.currency, amount: row.obligated }))),
      potential: money(contractTotals.map((row) => ({ currency: row.currency, amount: row.potential }))),
      obligatedUnknown: contractTotals.reduce((sum, row) => sum + n(row.obligated_unknown), 0),
      potentialUnknown: contractTotals.reduce((sum, row) => sum + n(row.potential_unknown), 0),
      byAgency: agencies.map((rows) => ({
        slug: rows[0].slug,
        name: rows[0].name,
        acronym: rows[0].acronym,
        parent: rows[0].parent_slug
          ? { slug: rows[0].parent_slug, name: rows[0].parent_name ?? '', acronym: rows[0].parent_acronym }
          : null,
        count: rows.reduce((sum, row) => sum + n(row.count), 0),
        obligated: money(rows.map((row) => ({ currency: row.currency, amount: row.obligated }))),
        obligatedUnknown: rows.reduce((sum, row) => sum + n(row.obligated_unknown), 0),
      })),
      endedAfterActions: ended.map((row) => ({
        id: row.id,
        title: row.title,
        status: row.status,
        changedAt: row.changed_at,
        changedPrecision: row.changed_precision,
        firstActionAt: row.first_action_at,
        firstActionPrecision: row.first_action_precision,
      })),
    },
    actions: {
      count: n(actions?.count ?? 0),
      onContracts: n(actions?.on_contracts ?? 0),
      byForm: terms.filter((row) => row.kind === 'ACTION_FORM').map((row) => ({ slug: row.slug, label: row.label, count: n(row.count) })),
      byIssue: terms.filter((row) => row.kind === 'ISSUE').map((row) => ({ slug: row.slug, label: row.label, count: n(row.count) })),
      participantsLow: n(actions?.low ?? 0),
      participantsHigh: n(actions?.high ?? 0),
      withParticipants: n(actions?.with_participants ?? 0),
      withHighestOnly: n(actions?.highest_only ?? 0),
      outcomes: {
        met: n(actions?.met ?? 0),
        partlyMet: n(actions?.partly_met ?? 0),
        notMet: n(actions?.not_met ?? 0),
        pending: n(actions?.pending ?? 0),
        unknown: n(actions?.unknown ?? 0),
      },
      first: actions?.first ?? null,
      last: actions?.last ?? null,
    },
    donations: {
      byResponse: responses.map((rows) => ({
        response: rows[0].response,
        count: rows.reduce((sum, row) => sum + n(row.count), 0),
        amounts: money(rows.map((row) => ({ currency: row.currency, amount: row.amount }))),
        amountUnknown: rows.reduce((sum, row) => sum + n(row.amount_unknown), 0),
      })),
    },
    statements: {
      count: statements.reduce((sum, row) => sum + n(row.count), 0),
      byKind: statements.map((row) => ({ kind: row.kind, count: n(row.count) })),
    },
    lastActivity: latest(lasts),
    years: years.map((row) => ({ year: row.year, actions: n(row.actions), contractValue: Number(row.contract_value ?? 0) })),
  };
}

/**
 * The latest date of each group with its precision: of the records on that date, the most precise
 * one's (DAY before MONTH before YEAR, the enum's order). `date` and `precision` are columns.
 */
const LAST_PRECISION = (date: string, precision: string) =>
  Prisma.raw(`(array_agg(${precision} ORDER BY ${date} DESC NULLS LAST, ${precision}))[1] AS last_precision`);

const PRECISION_ORDER: Record<DatePrecision, number> = { DAY: 0, MONTH: 1, YEAR: 2 };

/** The latest of the dates; on a tie, the most precise. */
function latest(dates: { date: Date; precision: DatePrecision }[]): { date: Date; precision: DatePrecision } | null {
  const newestFirst = [...dates].sort(
    (a, b) => b.date.getTime() - a.date.getTime() || PRECISION_ORDER[a.precision] - PRECISION_ORDER[b.precision],
  );
  return newestFirst[0] ?? null;
}
