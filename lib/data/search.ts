import 'server-only';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { editDistance, likeLiteral, nameKey, withoutLegalForm } from '../text';
import { describeEntries, ofPublishedCompanySql, type EntryRow, type IncidentEntry } from './incident-index';
import { exactWordsPattern, queryAsWords, TEXT_AS_WORDS, TEXT_VECTOR, TEXT_WRITTEN, wordsMatch, wordsQuery, type TextKind } from './text-match';
import { MAX_WORDS_LENGTH, searchableText } from '../validation/list-filters';

export const MAX_QUERY_LENGTH = MAX_WORDS_LENGTH;
/** The incidents a search shows, the most relevant first. */
export const MAX_INCIDENT_RESULTS = 25;

/**
 * Published companies any of whose names is like the text, best first: trigram similarity of
 * the name keys (so "salesfroce" and "Sales Force" find Salesforce), or the text inside a name.
 */
export async function findCompaniesByName(text: string, limit: number): Promise<NamedCompany[]> {
  const key = nameKey(text);
  if (!key) return [];
  return db.$queryRaw<NamedCompany[]>`SELECT slug, name, matched FROM (${companiesLike(key, limit, bareKey(text))}) found ORDER BY rank`;
}

/** The key of a name without its legal form ("Goggle LLC" -> "goggle"); its whole key when that is all it has. */
export function bareKey(name: string): string {
  return nameKey(withoutLegalForm(name)) || nameKey(name);
}

type NamedCompany = { slug: string; name: string; matched: string };
/** `matched`: for a body found by another of its names (Pentagon, a merged organisation's), that name; otherwise null. */
type NamedBody = { slug: string; name: string; acronym: string | null; matched?: string | null };

/**
 * Shorter texts are found only where a name (or one of its words) starts with them. A company is
 * matched on its name keys, which have no spaces: a short text finds it by its first letters only
 * ("web" does not find Amazon Web Services; "amazon web" does).
 */
const SHORTEST_INSIDE = 4;

/**
 * The condition that a name contains the text: anywhere once the text is long enough to mean
 * something there, otherwise only at its start or, for `words`, the start of one of its words
 * ("ice" finds ICE, not RAICES or Prentice). LIKE's own wildcards in the text are taken literally.
 * Each pattern is a LIKE on the indexed expression itself, so the trigram index serves it.
 */
function nameContains(column: Prisma.Sql, text: string, { words }: { words: boolean }): Prisma.Sql {
  const literal = likeLiteral(text);
  if (text.length >= SHORTEST_INSIDE) return Prisma.sql`${column} LIKE ${`%${literal}%`}`;
  const atStart = Prisma.sql`${column} LIKE ${`${literal}%`}`;
  return words ? Prisma.sql`(${atStart} OR ${column} LIKE ${`% ${literal}%`})` : atStart;
}

/**
 * The text with two neighbouring letters swapped, each way it can be ("amzaon": "mazaon", …,
 * "amazon"): the typo trigrams forgive least, since in a short name it changes most of them
 * ("amzaon" is 0.27 like "amazon", under the 0.3 that `%` asks). Looked up by equality, through
 * the names' b-tree indexes. None for texts too short to mean one name, or too long to be typed so.
 */
export function swappedLetters(text: string): string[] {
  const letters = [...text];
  if (letters.length < 4 || letters.length > 40) return [];
  const swapped = new Set<string>();
  for (let at = 0; at + 1 < letters.length; at += 1) {
    if (letters[at] === letters[at + 1]) continue;
    swapped.add([...letters.slice(0, at), letters[at + 1], letters[at], ...letters.slice(at + 2)].join(''));
  }
  return [...swapped];
}

const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];

/**
 * The ways a short name may have been mistyped, besides two letters swapped: one letter missing,
 * one too many or one wrong ("raics", "raicess", "ubar"). Trigrams forgive these least in a short
 * name, where one letter changes half of them ("ubar" is 0.11 like "uber"). Only for texts of four
 * to eight letters (longer ones trigrams forgive), and only spellings of four letters or more: a
 * word with a letter left out would otherwise be any acronym ("laws" AWS, "snap" SAP). Looked up by
 * equality, as the swaps are: a few hundred probes of the names' b-tree indexes.
 */
export function misspellings(text: string): string[] {
  const letters = [...text];
  const near = new Set<string>();
  if (letters.length >= 4 && letters.length <= 8 && /^[a-z ]+$/.test(text)) {
    for (let at = 0; at <= letters.length; at += 1) {
      const [before, after] = [letters.slice(0, at).join(''), letters.slice(at).join('')];
      if (at < letters.length && letters.length > 4) near.add(before + after.slice(1));
      for (const letter of LETTERS) {
        near.add(before + letter + after);
        if (at < letters.length && letter !== letters[at]) near.add(before + letter + after.slice(1));
      }
    }
  }
  near.delete(text);
  for (const swapped of swappedLetters(text)) near.delete(swapped);
  return [...near];
}

/**
 * The `limit` published companies best named like the name key, each once with its best-matching
 * name and its rank. `bare`: the key without the name's legal form, compared with the names' own
 * (company_bare_key), so that a typo is forgiven whichever side says "LLC" or "Corporation" ("Goggle
 * LLC" and Google, "Micosoft" and "Microsoft Corporation"): the form would outweigh the typo.
 */
export function companiesLike(key: string, limit: number, bare: string = key): Prisma.Sql {
  const swapped = swappedLetters(key);
  // A letter wrong, missing or added: a weaker likeness than two swapped, below a name trigrams find
  // alike ("user" may be Uber, but a name that holds it comes first).
  const edited = misspellings(key);
  // The bare names have a trigram index only, which an equality to each of hundreds of spellings
  // would cost milliseconds a search: swapped letters there, the names' own keys having the rest.
  const bareSwapped = swappedLetters(bare);
  // Stored beside the name (company_bare_key, migration 20261207230000_stored_bare_names).
  const bareOf = Prisma.sql`a.bare_key`;
  // Three letters or fewer share too few trigrams to be alike by them: "awu" would be AWS (two of
  // six). Such a text finds the names it begins.
  const short = key.length <= 3;
  const alike = short ? Prisma.sql`false` : Prisma.sql`a.key % ${key}`;
  const bareAlike = short ? Prisma.sql`false` : Prisma.sql`${bareOf} % ${bare}`;
  return Prisma.sql`
    SELECT slug, name, matched, row_number() OVER (ORDER BY score DESC, closeness DESC, name) AS rank FROM (
      SELECT DISTINCT ON (c.id) c.slug, c.name, a.name AS matched, similarity(a.key, ${key}) AS closeness,
             greatest(similarity(a.key, ${key}), similarity(${bareOf}, ${bare}),
               CASE WHEN a.key LIKE ${key} || '%' THEN 0.9 WHEN a.key = ANY(${swapped}::text[]) OR ${bareOf} = ANY(${bareSwapped}::text[]) THEN 0.8
                    WHEN a.key = ANY(${edited}::text[]) THEN 0.5 ELSE 0 END) AS score
      FROM company_aliases a JOIN companies c ON c.id = a.company_id
      WHERE c.status = 'PUBLISHED' AND c.merged_into_id IS NULL
        AND (${alike} OR ${nameContains(Prisma.sql`a.key`, key, { words: false })} OR a.key = ANY(${[...swapped, ...edited]}::text[])
          OR ${bareAlike} OR ${bareOf} = ANY(${bareSwapped}::text[]))
      -- On a tie, the name that is what was typed ("Salesforce.com" ties with Salesforce once their
      -- legal forms are set aside, and is the name the company was found by), then the company's own
      -- name, then its shortest other name: "amazn" is Amazon by its name, not "as Amazon.com".
      -- Companies that tie come closest first: "goo" begins Google and Goodlord, and is more of Google.
      ORDER BY c.id, score DESC, a.key = ${key} DESC, a.name = c.name DESC, length(a.name), a.name
    ) best ORDER BY rank LIMIT ${limit}`;
}

/**
 * The `limit` published agencies or organisations best named like the text, by name or acronym
 * (the whole acronym first, then those it begins: "raic" finds RAICES), or by another name they go
 * by, with their rank: for agencies one of their other names ("pentagon" finds the Department of
 * Defense), for organisations the name and acronym of one merged into them (an admin's merge keeps
 * the duplicate's row, its old name findable). `matched` is that other name, said beside the name.
 */
export function bodiesLike(table: 'agencies' | 'organizations', lower: string, limit: number): Prisma.Sql {
  // An acronym is read without the accents the text may give its letters ("Raíces" is RAICES), and
  // a name without them too ("Telefonica" for "Telefónica" is already alike by trigrams).
  const plain = lower.normalize('NFD').replace(/\p{M}/gu, '');
  const acronymStart = `${likeLiteral(plain)}%`;
  const plainName = plain === lower ? Prisma.empty : Prisma.sql`OR lower(b.name) % ${plain}`;
  // An organisation's acronym may be a name of its own (RAICES), looked up in each spelling it may
  // have been mistyped as, through its index. An agency's are of two to four letters, and hundreds of
  // spellings make the planner read the few agencies whole, trigram tests and all, which costs
  // milliseconds a search: swapped letters only.
  const swapped = table === 'organizations' ? [...swappedLetters(lower), ...misspellings(lower)] : swappedLetters(lower);
  // An organisation is also found by its acronym as a word of the text ("RAICES Texas"), or as the
  // text without its dots ("R.A.I.C.E.S."), as a new one's "did you mean" finds it (change-apply.ts):
  // words of four letters or more (not "of", "la", "now"), found but ranked by likeness to the name.
  const acronymWords =
    table === 'organizations'
      ? [
          ...new Set(
            [...lower.split(/[^\p{L}\p{N}]+/u), lower.replace(/[^\p{L}\p{N}]/gu, '')].filter((word) => word.length >= 4),
          ),
        ]
      : [];
  const byAcronymWord = acronymWords.length
    ? Prisma.sql`OR lower(b.acronym) = ANY(${acronymWords}::text[])`
    : Prisma.empty;
  const nearAcronym = Prisma.sql`lower(b.acronym) = ANY(${swapped}::text[])`;
  // `b`, the row the text is matched against; `out`, the body found (for an organisation merged
  // into another, the survivor: one merge deep, since a merge into a merged organisation is refused
  // and one merged into an organisation merged since is not followed).
  const [source, out] =
    table === 'agencies'
      ? [Prisma.sql`agencies b`, Prisma.raw('b')]
      : [
          Prisma.sql`organizations b JOIN organizations s ON s.id = coalesce(b.merged_into_id, b.id) AND s.merged_into_id IS NULL`,
          Prisma.raw('s'),
        ];
  // A typo inside a word of a name or an other name is forgiven from five letters typed: "ice" is as
  // like "office" as the threshold asks.
  const typos = lower.length >= 5;
  // An agency's other names, as one text its trigram index serves (migration 20261204002847_agency_aliases).
  const otherNames = Prisma.sql`agency_other_names(b.aliases)`;
  const [byOtherName, bestOtherName, score, matched] =
    table === 'agencies'
      ? [
          // A typo inside one of its words as for names (not every agency with an office among its other names for "ice").
          Prisma.sql`${typos ? Prisma.sql`OR ${lower} <% ${otherNames}` : Prisma.empty} OR ${nameContains(otherNames, lower, { words: true })}`,
          // Its other name most like the text, each scored whole, as names are: the words inside a
          // longer other name are not a match as good as the name itself.
          Prisma.sql`LEFT JOIN LATERAL (SELECT other, similarity(lower(other), ${lower}) AS score
                       FROM unnest(b.aliases) other ORDER BY score DESC, other LIMIT 1) best ON true`,
          Prisma.sql`best.score`,
          // The other name it was found by, when that is more like the text than its name and acronym.
          Prisma.sql`CASE WHEN best.score > similarity(lower(b.name), ${lower}) AND (lower(b.acronym) LIKE ${acronymStart}) IS NOT TRUE THEN best.other END`,
        ]
      : [Prisma.empty, Prisma.empty, Prisma.sql`0`, Prisma.sql`CASE WHEN b.id <> s.id THEN b.name END`];
  // Words of its name given apart ("refugee center" for the Refugee and Immigrant Center for …), and
  // a typo inside one of them ("imigration"): trigram similarity scores the whole name, in which
  // such a word weighs little. Through the names' trigram index, as the rest.
  const words = [...new Set(lower.split(' ').filter((word) => word.length >= 3))];
  // Every word, or not this way at all: past eight, a text is no name typed in pieces.
  const everyWord =
    words.length >= 2 && words.length <= 8
      ? Prisma.sql`OR (${Prisma.join(
          words.map((word) => Prisma.sql`lower(b.name) LIKE ${`%${likeLiteral(word)}%`}`),
          ' AND ',
        )})`
      : Prisma.empty;
  const typoInAWord = typos ? Prisma.sql`OR ${lower} <% lower(b.name)` : Prisma.empty;
  // A body found by several rows (its own name and a merged one's) is listed once, at its best rank.
  return Prisma.sql`
    SELECT slug, name, acronym, matched, rank FROM (
      SELECT DISTINCT ON (slug) slug, name, acronym, matched, rank FROM (
        SELECT ${out}.slug, ${out}.name, ${out}.acronym, ${matched} AS matched,
               row_number() OVER (ORDER BY (lower(b.acronym) = ${plain}) IS TRUE DESC, (lower(b.acronym) LIKE ${acronymStart}) IS TRUE DESC,
                 -- The very name before an acronym one letter off it.
                 lower(b.name) = ${lower} DESC, (${nearAcronym}) IS TRUE DESC,
                 greatest(similarity(lower(b.name), ${lower}), ${score}) DESC, ${out}.name) AS rank
        FROM ${source} ${bestOtherName}
        WHERE ${out}.status = 'PUBLISHED'
          AND (lower(b.name) % ${lower} ${plainName} OR ${nameContains(Prisma.sql`lower(b.name)`, lower, { words: true })} OR lower(b.acronym) LIKE ${acronymStart}
            OR ${nearAcronym} ${everyWord} ${typoInAWord} ${byOtherName} ${byAcronymWord})
      ) ranked ORDER BY slug, rank
    ) found ORDER BY rank LIMIT ${limit}`;
}

/** Published organisations named like the text (name or acronym, typos forgiven), best first. */
export async function findOrganizationsByName(text: string, limit: number): Promise<NamedBody[]> {
  const lower = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim().toLowerCase();
  if (!lower) return [];
  return db.$queryRaw<NamedBody[]>`SELECT slug, name, acronym, matched FROM (${bodiesLike('organizations', lower, limit)}) found ORDER BY rank`;
}

/**
 * Companies, agencies and organisations named like the text, in one statement (each list as JSON):
 * a search makes as few round trips as it can, since under load each one waits its turn.
 */
async function findNamed(text: string, limit: number): Promise<Pick<SearchResults, 'companies' | 'agencies' | 'organizations'>> {
  const key = nameKey(text);
  const lower = text.toLowerCase();
  const companies = key
    ? companiesLike(key, limit, bareKey(text))
    : Prisma.sql`SELECT NULL::text AS slug, NULL::text AS name, NULL::text AS matched, 0::bigint AS rank WHERE false`;
  // json_agg keeps each list's order through its ORDER BY on the row number (an ordered
  // subquery alone is not guaranteed to feed the aggregate in order).
  const [row] = await db.$queryRaw<{ companies: NamedCompany[] | null; agencies: NamedBody[] | null; organizations: NamedBody[] | null }[]>`
    SELECT
      (SELECT json_agg(json_build_object('slug', slug, 'name', name, 'matched', matched) ORDER BY rank)
       FROM (${companies}) found) AS companies,
      (SELECT json_agg(json_build_object('slug', slug, 'name', name, 'acronym', acronym, 'matched', matched) ORDER BY rank)
       FROM (${bodiesLike('agencies', lower, limit)}) found) AS agencies,
      (SELECT json_agg(json_build_object('slug', slug, 'name', name, 'acronym', acronym, 'matched', matched) ORDER BY rank)
       FROM (${bodiesLike('organizations', lower, limit)}) found) AS organizations`;
  return { companies: row?.companies ?? [], agencies: row?.agencies ?? [], organizations: row?.organizations ?? [] };
}

/** A year standing alone in a search's text ("2018 walkout", not "-2018" nor "F-2018"): the records dated in it. */
const YEAR_ALONE = /(?<!\S)(?:19|20)\d\d(?!\S)/g;

/**
 * The names a search text asks for, read as the incidents' full-text query reads it
 * (websearch_to_tsquery): "a or b" asks for either, a word after "-" for anything but it, quotes
 * group words, and a year standing alone is the records' date, not part of a name. So
 * "drone -google" looks for names like "drone" only, "google or amazon" for both and "ICE 2019"
 * for "ICE"; at most four alternatives are looked up.
 */
function nameAlternatives(text: string): string[] {
  const alternatives = text
    .split(/\s+or\s+/i)
    .map((part) =>
      part
        // A negated word, or a negated quoted phrase.
        .replace(/(^|\s)-(?:"[^"]*"?|\S+)/g, ' ')
        .replace(/"/g, ' ')
        .replace(YEAR_ALONE, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((part) => part && !/^or$/i.test(part));
  return [...new Set(alternatives)].slice(0, 4);
}

/** The names found for each alternative, taken in turns (each alternative's best first), each name once. */
async function findNamedAlternatives(
  alternatives: string[],
  limit: number,
): Promise<Pick<SearchResults, 'companies' | 'agencies' | 'organizations'>> {
  const found = await Promise.all(alternatives.map((alternative) => findNamed(alternative, limit)));
  const merged = <T extends { slug: string }>(lists: T[][]): T[] => {
    const seen = new Set<string>();
    const taken: T[] = [];
    for (let rank = 0; rank < limit; rank += 1) {
      for (const item of lists.map((list) => list[rank])) {
        if (!item || seen.has(item.slug)) continue;
        seen.add(item.slug);
        taken.push(item);
      }
    }
    return taken.slice(0, limit);
  };
  return {
    companies: merged(found.map((named) => named.companies)),
    agencies: merged(found.map((named) => named.agencies)),
    organizations: merged(found.map((named) => named.organizations)),
  };
}

export interface SearchResults {
  companies: NamedCompany[];
  agencies: NamedBody[];
  organizations: NamedBody[];
  incidents: IncidentEntry[];
  /**
   * When no incident has the words as typed, but has them with a misspelt company name put right
   * ("Mircosoft ICE": "Microsoft ICE"): the words the incidents were found by, and each word put
   * right with the company's name. Null otherwise.
   */
  corrected: { words: string; names: { typed: string; name: string }[] } | null;
}

/** The words of a text long enough to be a misspelt name (a typo in "ICE" is another word), at most four; not those left out with "-". */
const nameLikeWords = (text: string) =>
  [
    ...new Set(
      [...text.matchAll(/(?:^|[\s"(])([\p{L}][\p{L}\p{N}.&'-]{3,})/gu)]
        .map(([, word]) => word!.replace(/[.'-]+$/, ''))
        .filter((word) => word.length >= 4 && !/^or$/i.test(word)),
    ),
  ].slice(0, 4);

/**
 * The words put right where one is a company's name misspelt: a word whose best-named company is
 * a letter or two from it (one for a short word; two swapped letters count as two), not the word
 * itself. "Mircosoft ICE" becomes "Microsoft ICE"; "walkout" stays "walkout" whatever company
 * trigrams find like it. The companies are those the words name.
 */
async function correctedNames(
  text: string,
  named: NamedCompany[],
): Promise<NonNullable<SearchResults['corrected']> & { companies: NamedCompany[] }> {
  const words = nameLikeWords(text).filter((word) => nameKey(word));
  // A text of one word was looked up as a name already; the words of a longer one, in one statement.
  const alone = words.length === 1 && nameKey(words[0]!) === nameKey(text);
  const found: { typed: string; company: NamedCompany | undefined }[] = alone
    ? [{ typed: words[0]!, company: named[0] }]
    : words.length
      ? await bestNamedByWord(words)
      : [];
  const near = found.flatMap(({ typed, company }) => {
    if (!company) return [];
    // Measured against the name the word was found like, another of the company's ("Facebok" is
    // Facebook, Meta's former name) or its own, whichever is nearer; put right to that one.
    const word = nameKey(typed);
    const [nearest] = [...new Set([company.matched, company.name])]
      .map((name) => ({ name, distance: editDistance(word, bareKey(name)) }))
      .sort((a, b) => a.distance - b.distance);
    if (!nearest) return [];
    const { name, distance } = nearest;
    return distance > 0 && distance <= (word.length <= 5 ? 1 : 2) ? [{ typed, name, company }] : [];
  });
  // A word the record has is not a misspelling, whatever company it is like ("lift", Lyft). Asked
  // only of the words a name is near, once they are known: for each word, the four kinds' full
  // texts cost more to plan than the names' lookup. Alone, the word is the whole text, which no
  // incident has.
  const known = alone || near.length === 0 ? new Set<string>() : await wordsOnRecord(near.map(({ typed }) => typed));
  const names = near.filter(({ typed }) => !known.has(typed));
  const putRight = names.reduce(
    (corrected, { typed, name }) =>
      // Every time it is typed, but where it is left out ("-Mircosoft"): that asks for no name.
      corrected.replace(new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRegExp(typed)}(?![\\p{L}\\p{N}])`, 'gu'), () => name),
    text,
  );
  return { words: putRight, names: names.map(({ typed, name }) => ({ typed, name })), companies: names.map(({ company }) => company) };
}

/**
 * The words with a company's name misspelt among them put right ("gogle drone" as "Google drone"),
 * for a list whose words found nothing (/incidents?q=…); null when no word is such a misspelling.
 */
export async function correctedWords(words: string): Promise<NonNullable<SearchResults['corrected']> | null> {
  const text = searchableText(words).slice(0, MAX_QUERY_LENGTH);
  if (!text) return null;
  const named = await findNamedAlternatives(nameAlternatives(text), 10);
  const { words: putRight, names } = await correctedNames(text, named.companies);
  return names.length ? { words: putRight, names } : null;
}

/** Each word's best-named company, if any, in one statement. */
async function bestNamedByWord(words: string[]): Promise<{ typed: string; company: NamedCompany | undefined }[]> {
  const rows = await db.$queryRaw<(NamedCompany & { typed: string })[]>`${Prisma.join(
    words.map(
      (word) =>
        Prisma.sql`(SELECT ${word}::text AS typed, slug, name, matched FROM (${companiesLike(nameKey(word), 1, bareKey(word))}) found)`,
    ),
    ' UNION ALL ',
  )}`;
  return words.map((typed) => {
    const row = rows.find((found) => found.typed === typed);
    return { typed, company: row && { slug: row.slug, name: row.name, matched: row.matched } };
  });
}

/** The words an incident has, in one statement: through the full-text indexes, as search reads words. */
async function wordsOnRecord(words: string[]): Promise<Set<string>> {
  const has = (word: string) => Prisma.sql`(
    EXISTS (SELECT 1 FROM employee_actions a WHERE a.status = 'PUBLISHED' AND ${wordsMatch('action', 'a', word)})
    OR EXISTS (SELECT 1 FROM government_contracts k WHERE k.status = 'PUBLISHED' AND ${wordsMatch('contract', 'k', word)})
    OR EXISTS (SELECT 1 FROM donation_responses d WHERE d.status = 'PUBLISHED' AND ${wordsMatch('donation', 'd', word)})
    OR EXISTS (SELECT 1 FROM company_statements s WHERE s.status = 'PUBLISHED' AND ${wordsMatch('statement', 's', word)}))`;
  const rows = await db.$queryRaw<{ typed: string; known: boolean }[]>`${Prisma.join(
    words.map((word) => Prisma.sql`SELECT ${word}::text AS typed, ${has(word)} AS known`),
    ' UNION ALL ',
  )}`;
  return new Set(rows.filter((row) => row.known).map((row) => row.typed));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A kind's words as a tsvector, for ranking. */
const vector = (kind: TextKind, alias: string) => Prisma.raw(TEXT_VECTOR[kind](alias));

/**
 * One search over the published record: companies by any of their names, tolerant of typos
 * (trigram similarity: "salesfroce" finds Salesforce); agencies and organisations by name or
 * acronym; incidents by PostgreSQL full-text search over titles and descriptions, using the same
 * expressions as the migration's GIN indexes. Incidents are ranked by relevance among the 200
 * most recent matches, which keeps a common word cheap on a large record.
 */
export async function searchRecord(query: string): Promise<SearchResults> {
  const text = searchableText(query).slice(0, MAX_QUERY_LENGTH);
  if (!text) return { companies: [], agencies: [], organizations: [], incidents: [], corrected: null };
  // The incidents found are described while the names are still being looked up: the names take
  // about as long as finding the incidents, and describing them then waited for the names.
  const [named, incidents] = await Promise.all([
    findNamedAlternatives(nameAlternatives(text), 10),
    findIncidentRows(text).then((rows) =>
      // The results show how many sources each incident cites, not which: they are counted, not read.
      rows.length > 0 ? describeEntries(rows, { sources: false }) : null,
    ),
  ]);
  if (incidents) return { ...named, incidents, corrected: null };
  // No incident has the words: a company's name misspelt among them ("Mircosoft ICE") is put right,
  // its company shown, and the incidents with the words put right shown, said to be.
  const correction = await correctedNames(text, named.companies);
  const correctedRows = correction.names.length ? await findIncidentRows(correction.words) : [];
  // The companies a word was read as are shown only with the incidents that reading found, said to
  // be: alone, nothing would say why they are there.
  const companies = correctedRows.length
    ? [...named.companies, ...correction.companies.filter((company) => !named.companies.some((shown) => shown.slug === company.slug))]
    : named.companies;
  return {
    ...named,
    companies,
    incidents: await describeEntries(correctedRows, { sources: false }),
    corrected: correctedRows.length ? { words: correction.words, names: correction.names } : null,
  };
}

/** The incidents with the words, best match first (MAX_INCIDENT_RESULTS at most), as rows to describe. */
async function findIncidentRows(text: string): Promise<EntryRow[]> {
  // A record with the very words typed first (stemming reads "customs" as "customers"), then by rank.
  // A year standing alone is the records dated in it, as the full text reads it: a record dated in
  // it comes first, not one whose text names it ("2018" is the actions of 2018 before a later one
  // that recalls them).
  const years = [...new Set(text.match(YEAR_ALONE) ?? [])].map(Number);
  // Both read as the full text reads them: a record saying "walked out" has the very word "walkout".
  const typed = text.replace(YEAR_ALONE, ' ');
  const words = queryAsWords(typed);
  const pattern = exactWordsPattern(words);
  // Reading a record's text so costs three regular expressions on each of up to 800 texts (a fifth
  // of a search's time): done only where it can matter, for "walkout" or words it reads otherwise ("AT&T").
  const asWords = /\bwalkout\b/i.test(words) || words !== typed;
  // The words and the year go together as the text puts them: both, or either ("walkout or 2018").
  const either = /(^|\s)or(\s|$)/i.test(text);
  /** `dates`: the columns whose years the full text reads (a contract's award and its change of status). */
  const exact = (kind: TextKind, alias: string, dates: string[]) => {
    // Accents aside on both sides, as the words are matched ("Zürich" is "Zurich").
    const written = pattern === null ? null : Prisma.sql`unaccent(${Prisma.raw(asWords ? TEXT_AS_WORDS(kind, alias) : TEXT_WRITTEN[kind](alias))}) ~* unaccent(${pattern})`;
    const dated = years.length
      ? Prisma.sql`(${Prisma.join(
          dates.map((date) => Prisma.sql`extract(year FROM ${Prisma.raw(`${alias}.${date}`)})::int = ANY(${years}::int[])`),
          ' OR ',
        )})`
      : null;
    const both = [written, dated].filter((condition) => condition !== null);
    return both.length ? Prisma.sql`coalesce(${Prisma.join(both, either ? ' OR ' : ' AND ')}, false)` : Prisma.sql`false`;
  };
  return (
    // The query is written out in each condition (not a CTE) so that the planner sees it and uses
    // the words' statistics: a common word walks the newest rows by date, a rare one the GIN index.
    // Relevance is computed for the kept matches only, after each kind's newest 200. Matches equally
    // good come largest first (the 20,000 of Google's walkout before a walkout of 25), then newest:
    // a word the record says once in most texts ("walkout") otherwise ranks by date alone.
    db.$queryRaw<EntryRow[]>`
      WITH matches AS (
        (SELECT 'action' AS kind, a.id, a.start_date AS date, a.date_precision::text AS precision, ${vector('action', 'a')} AS vector,
           ${exact('action', 'a', ['start_date'])} AS exact, coalesce(a.participants_max, a.participants_min) AS size
         FROM employee_actions a
         WHERE a.status = 'PUBLISHED' AND ${wordsMatch('action', 'a', text)}
         ORDER BY a.start_date DESC LIMIT 200)
        UNION ALL
        (SELECT 'contract', k.id, k.award_date, k.award_date_precision::text, ${vector('contract', 'k')}, ${exact('contract', 'k', ['award_date', 'status_changed_at'])}, NULL::int
         FROM government_contracts k
         WHERE k.status = 'PUBLISHED' AND ${ofPublishedCompanySql('k')} AND ${wordsMatch('contract', 'k', text)}
         ORDER BY k.award_date DESC NULLS LAST LIMIT 200)
        UNION ALL
        (SELECT 'donation', d.id, d.date, d.date_precision::text, ${vector('donation', 'd')}, ${exact('donation', 'd', ['date'])}, NULL::int
         FROM donation_responses d
         WHERE d.status = 'PUBLISHED' AND ${ofPublishedCompanySql('d')} AND ${wordsMatch('donation', 'd', text)}
         ORDER BY d.date DESC NULLS LAST LIMIT 200)
        UNION ALL
        (SELECT 'statement', s.id, s.date, s.date_precision::text, ${vector('statement', 's')}, ${exact('statement', 's', ['date'])}, NULL::int
         FROM company_statements s
         WHERE s.status = 'PUBLISHED' AND ${ofPublishedCompanySql('s')} AND ${wordsMatch('statement', 's', text)}
         ORDER BY s.date DESC LIMIT 200)
      )
      SELECT kind, id, date, precision FROM matches
      ORDER BY exact DESC, ts_rank(vector, ${wordsQuery(text)}) DESC, size DESC NULLS LAST, date DESC NULLS LAST, id LIMIT ${MAX_INCIDENT_RESULTS}`
  );
}
