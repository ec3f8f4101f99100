import type { CsvRowError, CsvRows, CsvValues } from '../../http/shape/csv-rows';
import { repeatedKeys } from '../../http/shape/csv-rows';
import type { EmployeeImportRow } from './employee-import.schemas';

/**
 * The pure half of an employee import: from the checked rows and what is stored, decide for each
 * row whether it creates, updates or leaves an employee unchanged, and find what refuses the file
 * (a code or email twice, a reporting cycle) or a row (an unknown department or manager code, an
 * email that belongs to someone else). Nothing here touches the database.
 */
export type ImportValues = CsvValues<(typeof EmployeeImportRow)['shape']>;

/** The stored employee, as far as an import reads and writes it (ids as hex strings). */
export interface StoredForImport {
  id: string;
  employeeCode: string;
  email: string;
  managerId: string | null;
  departmentId: string | null;
  fields: Record<string, unknown>;
}

/** Fields copied from a cell as they are; null clears them. */
const DIRECT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'hireDate',
  'phone',
  'position',
  'timezone',
  'holidayCalendar',
] as const;

export interface PlannedRow {
  row: number;
  employeeCode: string;
  kind: 'create' | 'update' | 'unchanged';
  /** Fields to set and to remove (never managerId: managers are written once every row exists). */
  set: Record<string, unknown>;
  unset: string[];
  /** The manager's code to set (null: none), or undefined to leave the manager as it is. */
  managerCode: string | null | undefined;
  managerChanged: boolean;
  statusChange?: 'inactive' | 'active';
  before?: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface ImportPlan {
  planned: PlannedRow[];
  /** Cells or rows refused: reported, and nothing is written. */
  rowErrors: CsvRowError[];
  /** Problems of the file as a whole (repeats, cycles): the request is refused (422). */
  fileErrors: CsvRowError[];
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

function managerCycles(
  rows: Array<{ row: number; code: string }>,
  managerOf: (code: string) => string | null,
): CsvRowError[] {
  const state = new Map<string, 'walking' | 'done'>();
  const inCycle = new Map<string, string[]>();
  for (const { code: start } of rows) {
    const path: string[] = [];
    let code: string | null = start;
    while (code && !state.has(code)) {
      state.set(code, 'walking');
      path.push(code);
      code = managerOf(code);
    }
    if (code && state.get(code) === 'walking') {
      const cycle = path.slice(path.indexOf(code));
      for (const member of cycle) inCycle.set(member, [...cycle, code]);
    }
    for (const member of path) state.set(member, 'done');
  }
  return rows
    .filter(({ code }) => inCycle.has(code))
    .map(({ row, code }) => ({
      row,
      field: 'managerCode',
      message: `would create a reporting cycle: ${(inCycle.get(code) ?? []).join(' -> ')}`,
    }));
}

function planRow(
  row: number,
  values: ImportValues,
  columns: Set<string>,
  current: StoredForImport | undefined,
  departmentId: string | null | undefined,
  idToCode: Map<string, string>,
): PlannedRow {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  const currentManager = current?.managerId ? (idToCode.get(current.managerId) ?? null) : null;
  // fields holds departmentCode too (the service reads it), so snapshots speak in codes, not ids.
  const before = current ? { ...current.fields, managerCode: currentManager } : undefined;
  const after: Record<string, unknown> = { ...(before ?? {}) };
  for (const field of DIRECT_FIELDS) {
    if (!columns.has(field)) continue;
    const value = values[field] ?? null;
    after[field] = value;
    if (current && same(current.fields[field], value)) continue;
    if (value === null) unset.push(field);
    else set[field] = value;
  }
  let statusChange: PlannedRow['statusChange'];
  if (values.status) {
    after.status = values.status;
    if (!current || current.fields.status !== values.status) set.status = values.status;
    if (current && current.fields.status !== values.status) statusChange = values.status;
  }
  if (columns.has('departmentCode')) {
    after.departmentCode = values.departmentCode ?? null;
    if (!current || !same(current.departmentId, departmentId)) {
      if (departmentId) set.departmentId = departmentId;
      else if (current?.departmentId) unset.push('departmentId');
    }
  }
  const managerCode = columns.has('managerCode') ? (values.managerCode ?? null) : undefined;
  const managerChanged = managerCode !== undefined && !same(currentManager, managerCode);
  if (managerCode !== undefined) after.managerCode = managerCode;
  const changed = Object.keys(set).length > 0 || unset.length > 0 || managerChanged;
  return {
    row,
    employeeCode: values.employeeCode ?? '',
    kind: !current ? 'create' : changed ? 'update' : 'unchanged',
    set,
    unset,
    managerCode,
    managerChanged,
    ...(statusChange ? { statusChange } : {}),
    ...(before ? { before } : {}),
    after,
  };
}

export function planEmployeeImport(
  parsed: CsvRows<ImportValues>,
  stored: StoredForImport[],
  departments: Map<string, string>,
): ImportPlan {
  const fileErrors = [
    ...repeatedKeys(parsed.rows, (v) => v.employeeCode ?? undefined, 'employeeCode'),
    ...repeatedKeys(parsed.rows, (v) => v.email ?? undefined, 'email'),
  ];
  const columns = new Set(parsed.columns);
  const byCode = new Map(stored.map((e) => [e.employeeCode, e]));
  const byEmail = new Map(stored.map((e) => [e.email, e]));
  const idToCode = new Map(stored.map((e) => [e.id, e.employeeCode]));
  const fileCodes = new Set(parsed.rows.map((r) => r.values.employeeCode ?? ''));
  const rowErrors = [...parsed.errors];
  const planned: PlannedRow[] = [];
  for (const { row, values } of parsed.rows) {
    const code = values.employeeCode ?? '';
    const owner = values.email ? byEmail.get(values.email) : undefined;
    if (owner && owner.employeeCode !== code) {
      rowErrors.push({ row, field: 'email', message: `belongs to employee ${owner.employeeCode}` });
    }
    const departmentId = values.departmentCode ? departments.get(values.departmentCode) : null;
    if (departmentId === undefined) {
      rowErrors.push({ row, field: 'departmentCode', message: 'no department has this code' });
    }
    const manager = values.managerCode;
    if (manager && manager !== code && !fileCodes.has(manager) && !byCode.has(manager)) {
      rowErrors.push({
        row,
        field: 'managerCode',
        message: 'no employee has this code, in the file or stored',
      });
    }
    planned.push(planRow(row, values, columns, byCode.get(code), departmentId, idToCode));
  }
  const plannedByCode = new Map(planned.map((p) => [p.employeeCode, p]));
  const managerOf = (code: string): string | null => {
    const plannedManager = plannedByCode.get(code)?.managerCode;
    if (plannedManager !== undefined) return plannedManager;
    const storedManager = byCode.get(code)?.managerId;
    return storedManager ? (idToCode.get(storedManager) ?? null) : null;
  };
  fileErrors.push(
    ...managerCycles(
      planned.map((p) => ({ row: p.row, code: p.employeeCode })),
      managerOf,
    ),
  );
  return { planned, rowErrors: rowErrors.sort((a, b) => a.row - b.row), fileErrors };
}
