import 'server-only';
import { NotAllowed, hasRole, type SessionUser } from '../auth/roles';
import { db } from '../db';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { ImportFileError } from '../import/collective-action-file';
import { importUsaspendingContracts, type UsaspendingImportReport } from '../import/usaspending-import';
import { ChangeRejected } from './changes';
import { UNSTORABLE } from '../text';

import { MAX_UPLOAD_BYTES, UPLOAD_TOO_LARGE } from '../upload-limit';

/** The problems of a refused file the page lists; the rest are counted. */
const LISTED_PROBLEMS = 20;

/**
 * A reviewer imports a USAspending Prime Award Summaries file from the browser: the same import as
 * the command (one transaction, nothing written for a wrong file), recorded under the reviewer.
 * `checkOnly`: what importing it would do, and nothing written (the command's `--check`).
 */
export async function importUsaspendingUpload(
  user: SessionUser,
  file: File | null,
  { checkOnly = false }: { checkOnly?: boolean } = {},
): Promise<UsaspendingImportReport> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers import contracts.');
  // A form sent with no file chosen gives an empty file without a name (or, sent by the page's script,
  // named "undefined" by the server's reading of it); a chosen file that is empty is the importer's to refuse, as empty.
  if (!file || (file.size === 0 && (!file.name || file.name === 'undefined'))) throw new ChangeRejected('Choose a file.', { file: ['Choose the CSV file USAspending gave you.'] });
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new ChangeRejected(UPLOAD_TOO_LARGE.message, { file: [UPLOAD_TOO_LARGE.problem] });
  }
  try {
    return await importUsaspendingContracts(db as PrismaClient, file.stream() as unknown as AsyncIterable<Uint8Array>, { actor: `user:${user.id}`, checkOnly });
  } catch (error) {
    if (error instanceof ImportFileError) {
      // The first problems, and how many more: the command lists up to a hundred.
      const listed = error.problems.slice(0, LISTED_PROBLEMS);
      const more = error.count - listed.length;
      throw new ChangeRejected(error.summary, {
        file: more > 0 ? [...listed, `… and ${more} more (npm run import:usaspending lists up to 100)`] : listed,
      });
    }
    throw error;
  }
}

/**
 * A recipient on the list of those waiting for a company (unmatched_recipients), as the import page
 * shows it: its spelling with the most rows, its other spellings (names with the same key, which a
 * company's name or alias matches at once) beside it, and the rows of all.
 */
export interface WaitingRecipient {
  name: string;
  /** The recipient's other spellings in the files ("SALESFORCE INC" beside "SALESFORCE, INC."), those with the most rows first. */
  spellings: { name: string; rows: number }[];
  parent: string | null;
  rows: number;
  permalink: string;
  firstSeen: Date;
  lastSeen: Date;
  /** The company its name or its parent's matches now: importing its file again brings its rows in. */
  matches: { name: string; slug: string } | null;
  /** Of its rows, those whose contract is on record already (stored under a name the file no longer gives): left as they were. */
  stored: number;
  /**
   * A published company it may be (named so without "Inc." and the like, or holding the contracts of
   * its stored rows), whose form takes it as another name. `byParent`: read from its parent's name,
   * its own suggesting none; `holds`: the company holding those contracts.
   */
  perhaps: { name: string; slug: string; byParent: boolean; holds: boolean } | null;
}

/** A recipient a reviewer set aside: one the record does not follow, off the list of those waiting. */
export interface SetAsideRecipient {
  name: string;
  /** Its other spellings, set aside with it. */
  spellings: { name: string; rows: number }[];
  rows: number;
  lastSeen: Date;
  setAsideAt: Date;
  /** The reviewer who set it aside (null for an account no longer on record). */
  by: { name: string; email: string } | null;
}

/**
 * The recipients that are one for the lists: the names with the same key (as a company's name or
 * alias matches them, "SALESFORCE INC" and "SALESFORCE, INC."); a name without one is its own.
 */
const spellingGroup = (table: 'unmatched_recipients' | 'u' | 'named') =>
  Prisma.raw(`CASE WHEN ${table}.key = '' THEN 'name:' || ${table}.name ELSE ${table}.key END`);

/**
 * The recipients waiting (or, `aside`, set aside) as the common table `u`: each spelling with its
 * group's `rank` (1 for the spelling with the most rows, the one a line shows), the group's rows,
 * first and last sighting, and its other spellings (`spellings`, most rows first).
 */
const spellingLines = (aside: boolean) => Prisma.sql`
  WITH listed AS (
    SELECT *, ${spellingGroup('unmatched_recipients')} AS spelling_group FROM unmatched_recipients
    WHERE (set_aside_at IS NOT NULL) = ${aside}
  ), u AS (
    SELECT l.*, row_number() OVER spelling AS rank, (sum(l.rows) OVER spelling)::int AS group_rows,
           (sum(l.stored_rows) OVER spelling)::int AS group_stored,
           min(l.first_seen_at) OVER spelling AS group_first_seen, max(l.last_seen_at) OVER spelling AS group_last_seen,
           coalesce(jsonb_agg(jsonb_build_object('name', l.name, 'rows', l.rows)) OVER later, '[]') AS spellings
    FROM listed l
    WINDOW spelling AS (PARTITION BY l.spelling_group ORDER BY l.rows DESC, l.name ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
           later AS (PARTITION BY l.spelling_group ORDER BY l.rows DESC, l.name ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
  )`;

/** How many recipients of the list a page shows; the rest are counted. */
export const WAITING_LISTED = 100;

/**
 * The recipients imports left out for want of a company, those with the most rows first (and those
 * a company now matches apart, first of all), with how many there are in all. For reviewers.
 */
export async function waitingRecipients(user: SessionUser): Promise<{
  recipients: WaitingRecipient[];
  count: number;
  rows: number;
  setAside: { recipients: SetAsideRecipient[]; count: number };
}> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers import contracts.');
  const [waiting, setAside] = await Promise.all([listWaiting(), listSetAside()]);
  return { ...waiting, setAside };
}

/** The recipients waiting (not set aside), as waitingRecipients lists them. */
async function listWaiting(): Promise<{ recipients: WaitingRecipient[]; count: number; rows: number }> {
  type Row = {
    name: string;
    spellings: { name: string; rows: number }[];
    parent_name: string | null;
    rows: number;
    permalink: string;
    first_seen_at: Date;
    last_seen_at: Date;
    match_name: string | null;
    match_slug: string | null;
    perhaps_name: string | null;
    perhaps_slug: string | null;
    perhaps_by_parent: boolean;
    perhaps_holds: boolean;
    stored_rows: number;
    total: bigint;
    total_rows: bigint;
  };
  // As the import matches (lib/import/usaspending-lookups.ts): any name or alias of a company with
  // the recipient's key or its parent's, a merged company leading to the one it was merged into,
  // which is published.
  // One line per key: its spelling with the most rows, the others beside it.
  const rows = await db.$queryRaw<Row[]>`
    ${spellingLines(false)}
    SELECT u.name, u.spellings, u.parent_name, u.group_rows AS rows, u.permalink, u.group_first_seen AS first_seen_at,
           u.group_last_seen AS last_seen_at,
           m.name AS match_name, m.slug AS match_slug, p.name AS perhaps_name, p.slug AS perhaps_slug,
           u.perhaps_by_parent, u.perhaps_holds, u.group_stored AS stored_rows, count(*) OVER () AS total,
           sum(u.group_rows) OVER () AS total_rows
    FROM u
    LEFT JOIN LATERAL (
      SELECT s.name, s.slug FROM company_aliases a
      JOIN companies c ON c.id = a.company_id
      JOIN companies s ON s.id = coalesce(c.merged_into_id, c.id)
      WHERE (a.key = u.key OR a.key = u.parent_key) AND s.status = 'PUBLISHED'
      ORDER BY a.key = u.key DESC, s.name LIMIT 1
    ) m ON true
    -- The company suggested, or the one it was merged into since.
    LEFT JOIN companies h ON h.id = u.perhaps_company_id
    LEFT JOIN companies p ON p.id = coalesce(h.merged_into_id, h.id) AND p.status = 'PUBLISHED' AND p.merged_into_id IS NULL
    WHERE u.rank = 1
    ORDER BY m.slug IS NULL, u.group_rows DESC, u.name
    LIMIT ${WAITING_LISTED}`;
  return {
    recipients: rows.map((row) => ({
      name: row.name,
      spellings: row.spellings,
      parent: row.parent_name,
      rows: row.rows,
      permalink: row.permalink,
      firstSeen: row.first_seen_at,
      lastSeen: row.last_seen_at,
      matches: row.match_slug ? { name: row.match_name as string, slug: row.match_slug } : null,
      stored: row.stored_rows,
      perhaps: row.perhaps_slug
        ? {
            name: row.perhaps_name as string,
            slug: row.perhaps_slug,
            byParent: row.perhaps_by_parent,
            holds: row.perhaps_holds,
          }
        : null,
    })),
    count: Number(rows[0]?.total ?? 0),
    rows: Number(rows[0]?.total_rows ?? 0),
  };
}

/**
 * The recipients set aside, the latest first, with who set each aside; the rest are counted. A
 * recipient's spellings, as on the list of those waiting, are one line.
 */
async function listSetAside(): Promise<{ recipients: SetAsideRecipient[]; count: number }> {
  const rows = await db.$queryRaw<
    {
      name: string;
      spellings: { name: string; rows: number }[];
      rows: number;
      last_seen_at: Date;
      set_aside_at: Date;
      by_name: string | null;
      by_email: string | null;
      total: bigint;
    }[]
  >`
    ${spellingLines(true)}
    SELECT u.name, u.spellings, u.group_rows AS rows, u.group_last_seen AS last_seen_at, u.set_aside_at,
           r.name AS by_name, r.email AS by_email, count(*) OVER () AS total
    FROM u LEFT JOIN users r ON r.id = u.set_aside_by_id
    WHERE u.rank = 1
    ORDER BY u.set_aside_at DESC, u.name
    LIMIT ${WAITING_LISTED}`;
  return {
    recipients: rows.map((row) => ({
      name: row.name,
      spellings: row.spellings,
      rows: row.rows,
      lastSeen: row.last_seen_at,
      setAsideAt: row.set_aside_at,
      by: row.by_name !== null && row.by_email !== null ? { name: row.by_name, email: row.by_email } : null,
    })),
    count: Number(rows[0]?.total ?? 0),
  };
}

/**
 * A reviewer sets a waiting recipient aside (a recipient the record does not follow: its rows are
 * not wanted, and it should not crowd the list of work to do), or puts one set aside back on the
 * list. Nothing else changes: a file naming it later still leaves its rows out while no company
 * has its name, and keeps it aside; one whose name a company takes is imported and leaves both lists.
 */
export async function setRecipientAside(user: SessionUser, { name, aside }: { name: string; aside: boolean }): Promise<{ moved: number }> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers set recipients aside or put them back.');
  const gone = `“${name.slice(0, 200)}” is no longer waiting: a file imported since brought its rows in, or it was never on the list. Nothing was changed.`;
  // A name the list cannot hold (a NUL PostgreSQL refuses in a text, a length no file writes) is on neither list.
  if (!name || name.length > 1000 || UNSTORABLE.test(name)) throw new ChangeRejected(gone);
  // With its other spellings, which the lists show on its line.
  const count = await db.$executeRaw`
    UPDATE unmatched_recipients u
    SET set_aside_at = ${aside ? new Date() : null}::timestamp, set_aside_by_id = ${aside ? user.id : null}
    FROM unmatched_recipients named
    WHERE named.name = ${name} AND ${spellingGroup('u')} = ${spellingGroup('named')}
      AND (u.set_aside_at IS NULL) = ${aside}`;
  // None changed: already as asked (another reviewer, or this form sent twice), which is nothing
  // wrong; or no longer on either list.
  if (count === 0 && !(await db.unmatchedRecipient.findUnique({ where: { name }, select: { id: true } }))) {
    throw new ChangeRejected(gone);
  }
  return { moved: count };
}
