import { z } from 'zod';

/*
 * CSV per RFC 4180 (CRLF line ends, a cell quoted when it holds a comma, a quote or a line break,
 * quotes doubled), with formula defusing: a cell starting with = + - @ (or a tab or carriage
 * return) gets a leading apostrophe, so that a spreadsheet shows it as text instead of running it.
 */

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const defused = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) || defused !== value ? `"${defused.replace(/"/g, '""')}"` : defused;
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

function read(value: unknown, path: Step[]): string[] {
  const [step, ...rest] = path;
  if (!step) return [leaf(value)];
  if ('each' in step) return Array.isArray(value) ? value.flatMap((item) => read(item, rest)) : [];
  if (value === null || typeof value !== 'object') return rest.some((part) => 'each' in part) ? [] : [''];
  return read((value as Record<string, unknown>)[step.key], rest);
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
    const many = path.some((step) => 'each' in step);
    return [
      {
        header: names.join('.'),
        value: (record) => {
          const values = read(record, path);
          return many ? values.join(LIST_SEPARATOR) : (values[0] ?? '');
        },
      },
    ];
  };
  return walk(schema, [], []);
}
