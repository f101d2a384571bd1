import { escaped, FORMULA_LEADS, FORMULA_PATTERN, SPACES, unicodeEscape } from '../api/csv';

/*
 * CSV cells written by PostgreSQL, as lib/api/csv.ts writes them (`csvCell`, and `oneLine` for a
 * list's items), from the same patterns: the actions' export writes its lines in the database, so
 * that the server only passes them on. Plain string functions come first, and the patterns run
 * only on what they let through (a regular expression converts its whole text first). The
 * integration tests compare both writers on awkward values and on every exported action.
 */

/** A string as an SQL literal, every character but plain ASCII as a \uXXXX escape. */
function literal(text: string): string {
  const escaped = [...text]
    .map((character) =>
      /[ -~]/.test(character) && character !== '\\' && character !== "'"
        ? character
        : unicodeEscape(character),
    )
    .join('');
  return `E'${escaped}'`;
}

/** The patterns as literals (standard strings: their backslashes are the pattern's). */
const pattern = (source: string) => `'${source.replaceAll("'", "''")}'`;

const LEADS = literal(FORMULA_LEADS);
const FORMULA = pattern(FORMULA_PATTERN);
/** A line break and the white space around it (PostgreSQL's expressions find the longest match, in one pass). */
const LINE_BREAK = pattern(`[${escaped(SPACES)}]*(?:${escaped('\r\n')}?|${escaped('\n')})[${escaped(SPACES)}]*`);
const holds = (value: string, ...characters: string[]) =>
  characters.map((character) => `strpos(${value}, ${literal(character)}) > 0`).join(' OR ');

/**
 * A text as its CSV cell (`csvCell`): defused when a formula, quoted when a formula or holding a
 * comma, a quote or a line break. `value` is read several times: a column, not a computation.
 */
export function csvCellSql(value: string): string {
  const quoted = (prefix: string) => `'"${prefix}' || replace(${value}, '"', '""') || '"'`;
  return `CASE WHEN ${value} = '' THEN ''
    WHEN strpos(${LEADS}, left(${value}, 1)) > 0 AND ${value} ~ ${FORMULA} THEN ${quoted("''")}
    WHEN ${holds(value, ',', '"', '\n', '\r')} THEN ${quoted('')} ELSE ${value} END`;
}

/** A list's item on one line (`oneLine`): each line break, with the spaces around it, as one space. */
export function oneLineSql(value: string): string {
  return `CASE WHEN ${holds(value, '\n', '\r')} THEN regexp_replace(${value}, ${LINE_BREAK}, ' ', 'g') ELSE ${value} END`;
}

/**
 * A list of plain values (ids, dates) as its CSV cell: quoted when it holds more than one, one per
 * line; such values hold no comma, quote or line break, and start with no formula's sign.
 */
export function plainListCellSql(value: string): string {
  return `CASE WHEN ${holds(value, '\n')} THEN '"' || ${value} || '"' ELSE ${value} END`;
}
