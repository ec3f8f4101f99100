import { parse } from 'csv-parse/sync';
import { restoreCsvCell } from '../../lib/csv-safety';
import { BusinessRuleError } from '../../lib/errors';
import { fromText, matches } from './check';
import type { AnyField, ObjectField, ObjectOf, Shape } from './field';

/**
 * Reads an imported CSV file against a row shape declared with `s.*`: the header must name the
 * shape's fields (required ones present, no unknown or repeated column: a typo must not drop a
 * column silently, so these are 400), and each cell is checked by its field's own JSON Schema, as a
 * JSON request would be. Row numbers are what a spreadsheet shows: the header is row 1.
 */
export interface CsvRowError {
  row: number;
  field: string;
  message: string;
}

export interface CsvRow<T> {
  row: number;
  /** The checked values of the columns present; an empty cell of an optional column is null (clear it). */
  values: T;
}

export interface CsvRows<T> {
  /** The columns the file has, in the shape's spelling. */
  columns: string[];
  /** Rows whose every cell passed its check. */
  rows: Array<CsvRow<T>>;
  /** Every data row, valid or not. */
  total: number;
  errors: CsvRowError[];
}

/** The values of one row: required fields as declared, optional ones possibly null (an empty cell). */
export type CsvValues<S extends Shape> = { [K in keyof ObjectOf<S>]?: ObjectOf<S>[K] | null };

function readHeader(header: string[], shape: Shape): string[] {
  const known = new Map(Object.keys(shape).map((name) => [name.toLowerCase(), name]));
  const problems: Array<{ field: string; message: string }> = [];
  const columns = header.map((raw, index) => {
    const name = known.get(raw.trim().toLowerCase());
    if (!name)
      problems.push({
        field: `header`,
        message: `column ${index + 1} "${raw}" is not one of ${[...known.values()].join(', ')}`,
      });
    return name ?? '';
  });
  const seen = new Set<string>();
  for (const name of columns.filter(Boolean)) {
    if (seen.has(name)) problems.push({ field: 'header', message: `column "${name}" appears twice` });
    seen.add(name);
  }
  for (const [name, f] of Object.entries(shape)) {
    if (!f.spec.optional && !seen.has(name))
      problems.push({ field: 'header', message: `column "${name}" is missing` });
  }
  if (problems.length > 0)
    throw new BusinessRuleError('The header row does not match the expected columns', { errors: problems });
  return columns;
}

/**
 * csv-parse's sync build throws its own copy of CsvError, so instanceof misses it; every such error
 * carries a string `code` (most start with CSV_, some do not: INVALID_OPENING_QUOTE).
 */
function isCsvError(err: unknown): err is Error {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && /^[A-Z_]+$/.test(code);
}

function parseRecords(text: string): string[][] {
  try {
    const records: string[][] = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
    return records;
  } catch (err) {
    if (isCsvError(err)) {
      throw new BusinessRuleError('The body is not readable as CSV', {
        errors: [{ field: 'body', message: `not readable as CSV: ${err.message}` }],
      });
    }
    throw err;
  }
}

function checkCell(f: AnyField, cell: string): { value?: unknown; error?: string } {
  if (cell === '') return f.spec.optional ? { value: null } : { error: 'is required' };
  const value = fromText(f, restoreCsvCell(cell));
  if (!matches(f, value)) return { error: f.spec.message };
  return { value: f.spec.tidy ? (f.spec.tidy as (v: unknown) => unknown)(value) : value };
}

export function readCsvRows<S extends Shape>(text: string, rowShape: ObjectField<S>): CsvRows<CsvValues<S>> {
  const [header, ...records] = parseRecords(text);
  if (!header)
    throw new BusinessRuleError('The CSV has no header row', {
      errors: [{ field: 'body', message: 'must be a CSV file with a header row' }],
    });
  const shape: Shape = rowShape.shape;
  const columns = readHeader(header, shape);
  const rows: Array<CsvRow<CsvValues<S>>> = [];
  const errors: CsvRowError[] = [];
  records.forEach((cells, index) => {
    const row = index + 2;
    if (cells.length !== columns.length) {
      errors.push({
        row,
        field: 'row',
        message: `has ${cells.length} cells; the header has ${columns.length}`,
      });
      return;
    }
    const values: Record<string, unknown> = {};
    let valid = true;
    columns.forEach((name, i) => {
      const f = shape[name];
      if (!f) return;
      const checked = checkCell(f, cells[i] ?? '');
      if (checked.error) {
        errors.push({ row, field: name, message: checked.error });
        valid = false;
      } else values[name] = checked.value;
    });
    if (valid) rows.push({ row, values: values as CsvValues<S> });
  });
  return { columns, rows, total: records.length, errors };
}

/** The documentation of a CSV body: its columns, which are required, and what each holds. */
export function describeCsvColumns(rowShape: ObjectField<Shape>): string {
  return Object.entries(rowShape.shape)
    .map(([name, f]) => {
      const about = typeof f.spec.schema.description === 'string' ? `: ${f.spec.schema.description}` : '';
      return `- \`${name}\`${f.spec.optional ? '' : ' (required)'}${about}`;
    })
    .join('\n');
}

/** Rows whose key repeats an earlier row's: each named with the row it repeats. */
export function repeatedKeys<T>(
  rows: Array<CsvRow<T>>,
  keyOf: (values: T) => string | undefined,
  field: string,
): CsvRowError[] {
  const first = new Map<string, number>();
  const errors: CsvRowError[] = [];
  for (const { row, values } of rows) {
    const key = keyOf(values);
    if (key === undefined) continue;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, row);
    else errors.push({ row, field, message: `repeats row ${earlier}` });
  }
  return errors;
}
