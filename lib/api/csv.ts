import { z } from 'zod';

/*
 * CSV per RFC 4180 (CRLF line ends, a cell quoted when it holds a comma, a quote or a line break,
 * quotes doubled), with formula defusing: a cell starting with = + - @ (or a tab or carriage
 * return) gets a leading apostrophe, so that a spreadsheet shows it as text instead of running it.
 */

const FORMULA = /^[=+\-@\t\r]/;
/** What makes a cell need quotes: a formula's first character, or a comma, quote or line break. */
const SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

export function csvCell(value: string): string {
  if (!SPECIAL.test(value)) return value;
  const defused = FORMULA.test(value) ? `'${value}` : value;
  return `"${defused.replace(/"/g, '""')}"`;
}

export function csvRow(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export interface CsvColumn {
  header: string;
  value: (record: unknown) => string;
}

/** Lists inside one cell (a record's sources, its companies) are written one item per line. */
export const LIST_SEPARATOR = '\n';

type Step = { key: string } | { each: true };

const leaf = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);

/** The leaves at the end of a path through lists (`each`) and objects, in order. */
function readAll(value: unknown, path: Step[], at: number, out: string[]): void {
  const step = path[at];
  if (!step) {
    out.push(leaf(value));
    return;
  }
  if ('each' in step) {
    if (Array.isArray(value)) for (const item of value) readAll(item, path, at + 1, out);
    return;
  }
  if (value === null || typeof value !== 'object') {
    if (!path.slice(at + 1).some((part) => 'each' in part)) out.push('');
    return;
  }
  readAll((value as Record<string, unknown>)[step.key], path, at + 1, out);
}

/** The leaf at the end of a path through objects only ('' when an object on the way is missing). */
function readOne(value: unknown, keys: string[]): string {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[key];
  }
  return leaf(current);
}

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
    if (!path.some((step) => 'each' in step)) {
      const keys = path.map((step) => ('key' in step ? step.key : ''));
      return [{ header, value: (record) => readOne(record, keys) }];
    }
    return [
      {
        header,
        value: (record) => {
          const values: string[] = [];
          readAll(record, path, 0, values);
          return values.join(LIST_SEPARATOR);
        },
      },
    ];
  };
  return walk(schema, [], []);
}
