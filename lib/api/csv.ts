import { z } from 'zod';

/*
 * CSV per RFC 4180 (CRLF line ends, a cell quoted when it holds a comma, a quote or a line break,
 * quotes doubled), with formula defusing: a cell starting with = + - @ (or a tab or carriage
 * return) gets a leading apostrophe, so that a spreadsheet shows it as text instead of running it;
 * so does one whose = + - @ comes after spaces, which some importers trim, or is written full width
 * (＝), which some spreadsheets read as the same sign.
 */

/**
 * The patterns below are written for JavaScript's regular expressions and PostgreSQL's alike (the
 * actions' export writes its cells in the database, lib/data/csv-sql.ts): each character as a
 * \uXXXX escape, which both read the same, and JavaScript's \s spelt out.
 */
export const escaped = (characters: string) => [...characters].map(unicodeEscape).join('');

/** A character of the Basic Multilingual Plane as \uXXXX (the only escape both engines share). */
export function unicodeEscape(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code > 0xffff) throw new RangeError(`No \\uXXXX escape for U+${code.toString(16).toUpperCase()}.`);
  return `\\u${code.toString(16).padStart(4, '0')}`;
}
/** JavaScript's \s: white space and line terminators. */
export const SPACES =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** The signs a spreadsheet reads a formula after, and their full-width forms. */
const SIGNS = '=+-@\uff1d\uff0b\uff0d\uff20';
/** The characters a formula cell can start with (the tab and carriage return among the spaces). */
export const FORMULA_LEADS = `${SPACES}${SIGNS}`;
export const FORMULA_PATTERN = `^(?:[${escaped('\t\r')}]|[${escaped(SPACES)}]*[${escaped(SIGNS)}])`;

const FORMULA = new RegExp(FORMULA_PATTERN);
/** What makes a cell need quotes besides a formula's first character: a comma, quote or line break. */
const SPECIAL = /[",\r\n]/;

export function csvCell(value: string): string {
  const formula = FORMULA.test(value);
  if (!formula && !SPECIAL.test(value)) return value;
  const defused = formula ? `'${value}` : value;
  return `"${defused.replace(/"/g, '""')}"`;
}

export function csvRow(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export interface CsvColumn {
  header: string;
  value: (record: unknown) => string;
}

/** A record's line: its columns' cells (written as they are read, an export's inner loop). */
export function csvRecordRow(columns: CsvColumn[], record: unknown): string {
  let [line, separator] = ['', ''];
  for (const column of columns) {
    line += separator + csvCell(column.value(record));
    separator = ',';
  }
  return `${line}\r\n`;
}

/**
 * Lists inside one cell (a record's sources, its companies) are written one item per line; a line
 * break inside an item (a quoted excerpt's paragraphs) is written as a space, so that the n-th line
 * of each of a list's columns is always its n-th item.
 */
export const LIST_SEPARATOR = '\n';
const SPACE_RUN = new RegExp(`[${escaped(SPACES)}]+`, 'g');
const LINE_BREAK = /[\r\n]/;
/**
 * The item with each run of white space that holds a line break written as one space: a run at a
 * time, in one pass (a pattern of spaces around a line break would try each space of a long run
 * in turn).
 */
export const oneLine = (item: string) =>
  LINE_BREAK.test(item) ? item.replace(SPACE_RUN, (run) => (LINE_BREAK.test(run) ? ' ' : run)) : item;

type Step = { key: string } | { each: true };

const leaf = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);

/** The value at the end of a path through objects only (undefined when an object on the way is missing). */
function readPath(value: unknown, keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The leaf at the end of a path through objects only ('' when an object on the way is missing). */
const readOne = (value: unknown, keys: string[]): string => leaf(readPath(value, keys));

function unwrap(schema: z.ZodType): z.ZodType {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner;
}

/**
 * One column per scalar field of a record schema: nested objects flattened with dots
 * ("company.slug"), lists of scalars in one cell, lists of objects as one column per field
 * ("sources.url"), their items in the same order in every such column.
 */
export function csvColumns(schema: z.ZodType): CsvColumn[] {
  const walk = (node: z.ZodType, names: string[], path: Step[]): CsvColumn[] => {
    const inner = unwrap(node);
    if (inner instanceof z.ZodObject) {
      return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
        walk(child, [...names, key], [...path, { key }]),
      );
    }
    if (inner instanceof z.ZodArray) return walk(inner.element as z.ZodType, names, [...path, { each: true }]);
    const header = names.join('.');
    const keysOf = (steps: Step[]) => steps.map((step) => ('key' in step ? step.key : ''));
    const each = path.findIndex((step) => 'each' in step);
    if (each < 0) {
      const keys = keysOf(path);
      return [{ header, value: (record) => readOne(record, keys) }];
    }
    const itemPath = path.slice(each + 1);
    // No record holds a list inside a list: its cell would need a second separator.
    if (itemPath.some((step) => 'each' in step)) throw new Error(`${header}: a list inside a list has no CSV column.`);
    // A list (a record's sources, its companies): its items' fields, one per line of the cell.
    const [outer, itemKeys] = [keysOf(path.slice(0, each)), keysOf(itemPath)];
    const value = (record: unknown) => {
      const list = readPath(record, outer);
      if (!Array.isArray(list)) return '';
      let [cell, separator] = ['', ''];
      for (const item of list as unknown[]) {
        cell += separator + oneLine(readOne(item, itemKeys));
        separator = LIST_SEPARATOR;
      }
      return cell;
    };
    return [{ header, value }];
  };
  return walk(schema, [], []);
}
