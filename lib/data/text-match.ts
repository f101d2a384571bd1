import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { searchableText } from '../validation/list-filters';

/*
 * Full-text matching of incidents by their words: one expression per kind, the ones the migrations'
 * GIN indexes are built on (so the indexes serve them), used by search (lib/data/search.ts), the
 * incidents list (lib/data/incident-index.ts), the exports and the API's lists. English stemming,
 * accents ignored ("Nestle" finds "Nestlé"), the years of a record's dates among its words; the
 * words read as a web search engine reads them (websearch_to_tsquery: "quoted phrases", or, -word).
 */

export type TextKind = 'action' | 'contract' | 'donation' | 'statement';

/**
 * The years of a record's dates as words without a position (prisma/migrations/…_years_in_search):
 * "2018 walkout" finds the walkouts of 2018, "google -2018" leaves Google's 2018 out, though
 * descriptions rarely write the year.
 */
const years = (...dates: string[]) =>
  `array_to_tsvector(array_remove(ARRAY[${dates.map((date) => `extract(year FROM ${date})::text`).join(', ')}], NULL))`;

/**
 * The text (SQL) as its words are read, in the record and in the query alike:
 * - "&" between two letters or digits read as "and" (prisma/migrations/…_ampersand_words):
 *   PostgreSQL's parser splits "AT&T" into "at", "&" and "t", all left out as too common; "ATandT"
 *   is one word, as company names' keys read it;
 * - a hyphen between two letters read as a space (prisma/migrations/…_hyphens_and_walkouts): the
 *   parser reads "Union-CWA" as the word "union-cwa" before its parts, one position ahead of them,
 *   so that the phrase "Alphabet Workers Union" did not find "Alphabet Workers Union-CWA". Not
 *   between a letter and a digit ("anti-996", "covid-19", see loneNumbers), nor a "-" after a
 *   space, which leaves a word out of a query;
 * - "walked out" (walk, walks, walking out; "walk-out") read as "walkout" (the same migration):
 *   "out" is too common a word to be kept, so "walked out" was read as "walked", and "walkout"
 *   did not find the Google walkout of 2018, whose description says "walked out".
 * - "<" and ">" read as spaces (prisma/migrations/…_angle_brackets_in_search): the parser reads
 *   "<data>" or "</b>" as an XML tag, which no configuration keeps, so that "CBP <data>" was not
 *   found by "data".
 * The text's SQL goes between the two parts.
 */
const AS_WORDS = [
  'regexp_replace(regexp_replace(regexp_replace(translate(',
  `, '<>', '  '), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'), '(?<=[A-Za-z])-(?=[A-Za-z])', ' ', 'g'), '\\m(walk|walks|walked|walking)\\s+out\\M', 'walkout', 'gi')`,
] as const;
const readAsWords = (text: string) => `${AS_WORDS[0]}${text}${AS_WORDS[1]}`;
/** A query's words as AS_WORDS reads a record's, for comparing the two as written (`exactWordsPattern`). */
export const queryAsWords = (text: string) =>
  text
    .replace(/[<>]/g, ' ')
    .replace(/(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])/g, 'and')
    .replace(/(?<=[A-Za-z])-(?=[A-Za-z])/g, ' ')
    .replace(/\b(walk|walks|walked|walking)\s+out\b/gi, 'walkout');
/**
 * The words of a query with its curly and angle quotation marks made straight: websearch_to_tsquery
 * reads only "…" as a phrase, and text pasted from a document or typed on a phone has “…”.
 */
const CURLY_QUOTES = `'“”„‟«»＂', '"""""""'`;
const straightQuotes = (text: string) => `translate(${readAsWords(text)}, ${CURLY_QUOTES})`;
/** The words (a value) as websearch_to_tsquery reads them, read as the record's words are. */
const websearchQuery = (words: string) =>
  Prisma.sql`websearch_to_tsquery('english_unaccented', translate(${Prisma.raw(AS_WORDS[0])}${words}${Prisma.raw(AS_WORDS[1])}, ${Prisma.raw(CURLY_QUOTES)}))`;

/**
 * A donation response's answer in the words its title uses ("RAICES rejected $250,000 from
 * Salesforce"), and the word "donation": what a reader types looking for it
 * (prisma/migrations/…_who_said_it_in_search). Constants the index expression can hold.
 */
const donationWords = (alias: string) =>
  `CASE ${alias}.response WHEN 'REJECTED' THEN 'rejected donation' WHEN 'RETURNED' THEN 'returned donation' WHEN 'ACCEPTED' THEN 'accepted donation' WHEN 'REDIRECTED' THEN 'redirected donation' ELSE 'donated donation' END`;

/**
 * A donation response's amount in whole units, as its title writes it ("250,000") and as typed
 * without separators ("250000"): "$250,000" finds the rejection it is the title of
 * (prisma/migrations/…_donation_amounts_in_search). Empty when undisclosed.
 */
const donationAmount = (alias: string) =>
  `coalesce(trunc(${alias}.amount)::text || ' ' || regexp_replace(trunc(${alias}.amount)::text, '(\\d)(?=(\\d{3})+$)', '\\1,', 'g'), '')`;

/**
 * Each kind's text as written (SQL), of the table named `alias`: what its words' vector is made of.
 * Who is quoted (a donation response's attribution, a statement's speaker) is among its words: a
 * reporter looks for the record by the person quoted in it.
 */
export const TEXT_WRITTEN: Record<TextKind, (alias: string) => string> = {
  action: (alias) => `${alias}.title || ' ' || ${alias}.description`,
  contract: (alias) => `${alias}.title || ' ' || coalesce(${alias}.purpose, '')`,
  donation: (alias) =>
    `coalesce(${alias}.reason, '') || ' ' || coalesce(${alias}.quote, '') || ' ' || coalesce(${alias}.quote_attribution, '') || ' ' || ${donationWords(alias)} || ' ' || ${donationAmount(alias)}`,
  statement: (alias) =>
    `${alias}.summary || ' ' || coalesce(${alias}.quote, '') || ' ' || coalesce(${alias}.speaker, '')`,
};

/**
 * The words a query asks for, as written (not those it leaves out with "-", nor its "or"), as a
 * PostgreSQL regular expression of each as a whole word, case aside: every one required, or any
 * of them for a query with "or"; null when it asks for none. Stemming reads "customs" and
 * "customers" alike ("custom"); a record that has the very words typed ranks first
 * (lib/data/search.ts).
 */
export function exactWordsPattern(words: string): string | null {
  // The words asked for: not those after "-"; "or" is an operator, not a word.
  const wanted = [...words.matchAll(/(^|[^\p{L}\p{N}])(-?)([\p{L}\p{N}]+)/gu)]
    .filter(([, , minus]) => minus !== '-')
    .map(([, , , word]) => word!.toLowerCase());
  const either = wanted.includes('or');
  const asked = [...new Set(wanted.filter((word) => word !== 'or'))].slice(0, 8);
  // Letters and digits only: nothing in them is special to a regular expression.
  if (asked.length === 0) return null;
  if (asked.length === 1 || either) return `\\m(${asked.join('|')})\\M`;
  // Each word by a lookahead from the start of the text only: unanchored, a text lacking one would
  // be tried from every position, in time growing with the square of its length.
  return `^${asked.map((word) => `(?=.*\\m${word}\\M)`).join('')}`;
}

/**
 * Each kind's text as written and then as AS_WORDS reads it ("walked out" as "walkout"), SQL text:
 * what a query's very words are looked for in (lib/data/search.ts).
 */
export const TEXT_AS_WORDS = (kind: TextKind, alias: string) => readAsWords(TEXT_WRITTEN[kind](alias));

/** Each kind's words as a tsvector, of the table named `alias`. */
export const TEXT_VECTOR: Record<TextKind, (alias: string) => string> = {
  action: (alias) => `${alias}.search_vector`,
  contract: (alias) =>
    `(to_tsvector('english_unaccented', ${readAsWords(TEXT_WRITTEN.contract(alias))}) || ${years(`${alias}.award_date`, `${alias}.status_changed_at`)})`,
  donation: (alias) =>
    `(to_tsvector('english_unaccented', ${readAsWords(TEXT_WRITTEN.donation(alias))}) || ${years(`${alias}.date`)})`,
  statement: (alias) =>
    `(to_tsvector('english_unaccented', ${readAsWords(TEXT_WRITTEN.statement(alias))}) || ${years(`${alias}.date`)})`,
};

/*
 * Names written two ways: an agency by its acronym or its name ("ICE" and "Immigration and Customs
 * Enforcement"; a news report says one, the next the other). A query naming one of a group, as a
 * word or words or a quoted phrase, is rewritten (ts_rewrite) to what it asked or any name of the
 * group: "department defense" still finds the two words apart, and also "the Pentagon". Spelled
 * out here, not read from the agencies on record, so that the rewrite is constants the planner sees
 * (a subquery would hide the words' statistics from it, see lib/data/search.ts). "Walked out" is
 * read as "walkout" before any rewrite (AS_WORDS), in the record as in the query. A name as the
 * agencies' pages write it ("U.S. Customs and Border Protection"), copied from there, is one of its
 * group too, longest first: rewritten before the shorter name inside it, no word of it is left
 * required ("U.S.", which most reports leave out).
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['ICE', 'U.S. Immigration and Customs Enforcement', 'Immigration and Customs Enforcement'],
  ['CBP', 'U.S. Customs and Border Protection', 'Customs and Border Protection', 'Border Patrol'],
  ['DHS', 'Department of Homeland Security', 'Homeland Security'],
  ['DoD', 'Pentagon', 'Department of Defense', 'Defense Department'],
  ['DOJ', 'Department of Justice', 'Justice Department'],
  ['FBI', 'Federal Bureau of Investigation'],
  ['NSA', 'National Security Agency'],
  ['CIA', 'Central Intelligence Agency'],
  ['USCIS', 'Citizenship and Immigration Services'],
  ['HHS', 'Health and Human Services'],
  ['ORR', 'Office of Refugee Resettlement'],
  // A company's unit written both ways: the protests at "the AWS summit", at "the Amazon Web Services summit".
  ['AWS', 'Amazon Web Services'],
];

/** The words of a text as the query compares them: lower case, without the small words a name is joined by. */
const wordsOf = (text: string) =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !['and', 'of', 'the'].includes(word));

/**
 * The rewrites the words call for: each name of a group whose words are all in the query, as a
 * target (its words, and its phrase when it has several), and the whole group written as
 * websearch_to_tsquery reads it.
 */
function synonymRewrites(words: string): { target: string; phrase: boolean; group: string }[] {
  const asked = new Set(wordsOf(words));
  return SYNONYMS.flatMap((names) => {
    const named = names.filter((name) => wordsOf(name).every((word) => asked.has(word)));
    if (named.length === 0) return [];
    const group = names.map((name) => (name.includes(' ') ? `"${name}"` : name)).join(' or ');
    return named.flatMap((target) => [
      { target, phrase: false, group },
      ...(target.includes(' ') ? [{ target, phrase: true, group }] : []),
    ]);
  });
}

/**
 * The tsqueries (SQL text) of a rewrite's target, and of what replaces it: the target itself or
 * any name of its group. Their words are this file's own: no quote to escape.
 */
const rewriteArgs = ({ target, phrase, group }: ReturnType<typeof synonymRewrites>[number]) => {
  const asked = `${phrase ? 'phraseto_tsquery' : 'plainto_tsquery'}('english_unaccented', '${target}')`;
  return `${asked}, ${asked} || websearch_to_tsquery('english_unaccented', '${group}')`;
};

/*
 * PostgreSQL reads "anti-996" as the word "anti" and the signed number "-996", so the number alone
 * ("996") would not find it. A number standing alone in the words is therefore also looked for
 * after a hyphen: the query is rewritten (ts_rewrite) from 996 to (996 | -996).
 */

/** The numbers standing alone in the words ("996"; not "9am", nor the 19 of "covid-19"), a few at most. */
function loneNumbers(words: string): string[] {
  return [...new Set(words.match(/(?<![\p{L}\p{N}-])[0-9]+(?![\p{L}\p{N}])/gu) ?? [])].slice(0, 5);
}

/**
 * The words of the parameter `param` ($n) as a tsquery, in SQL text. The numbers, digits alone,
 * are written into it.
 */
function queryText(param: string, words: string): string {
  return synonymRewrites(words).reduce(
    (query, rewrite) => `ts_rewrite(${query}, ${rewriteArgs(rewrite)})`,
    loneNumbers(words).reduce(
      (query, n) => `ts_rewrite(${query}, '${n}'::tsquery, '${n} | -${n}'::tsquery)`,
      `websearch_to_tsquery('english_unaccented', ${straightQuotes(param)})`,
    ),
  );
}

/** The words as a tsquery, as a Prisma fragment (the words and numbers its values). */
export function wordsQuery(words: string): Prisma.Sql {
  return synonymRewrites(words).reduce(
    (query, rewrite) => Prisma.sql`ts_rewrite(${query}, ${Prisma.raw(rewriteArgs(rewrite))})`,
    loneNumbers(words).reduce(
      (query, n) => Prisma.sql`ts_rewrite(${query}, ${n}::tsquery, ${`${n} | -${n}`}::tsquery)`,
      websearchQuery(words),
    ),
  );
}

/** The condition, as SQL text, that a row of `kind` (as `alias`) has `words`, given as the parameter `param` ($n). */
export const wordsMatchText = (kind: TextKind, alias: string, param: string, words: string) =>
  `${TEXT_VECTOR[kind](alias)} @@ ${queryText(param, words)}`;

/** The same condition as a Prisma fragment, the words as its value. */
export const wordsMatch = (kind: TextKind, alias: string, words: string) =>
  Prisma.sql`${Prisma.raw(TEXT_VECTOR[kind](alias))} @@ ${wordsQuery(words)}`;

/**
 * Whether the words hold anything full text can look for: common words alone ("the", "or") and
 * operators alone ("-") make an empty query, which matches nothing and is worth saying so.
 */
export async function searchableWords(words: string): Promise<boolean> {
  // As a search reads them: without control characters (PostgreSQL refuses a NUL in a text).
  const [row] = await db.$queryRaw<{ words: number }[]>`
    SELECT numnode(${websearchQuery(searchableText(words))}) AS words`;
  return (row?.words ?? 0) > 0;
}

/** What a search or list says when the words hold nothing full text can look for (`searchableWords`). */
export const unsearchableAdvice = (words: string) =>
  `The words “${words}” hold nothing the search can look for: common words (the, of, or) and signs alone are left out. Try other words.`;
