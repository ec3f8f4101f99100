/**
 * CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`, `-`
 * or `@` (and, after a tab or carriage return, what follows) as a formula. Every CSV this API writes
 * prefixes such a text cell with a single quote, which spreadsheets show as text. Numbers are left
 * as numbers: `-2` in a number column is a value, not a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The `cast` option of csv-stringify that neutralises every text cell. */
export const SAFE_CSV_CAST = { string: neutraliseCsvCell };

/** Undoes the neutralising on import, so a file this API exported reads back as it was. */
export function restoreCsvCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
