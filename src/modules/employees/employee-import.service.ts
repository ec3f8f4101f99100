import type { Types } from 'mongoose';
import mongoose from 'mongoose';
import { readCsvRows } from '../../http/shape/csv-rows';
import type { ImportReport } from '../../http/shape/imports';
import { SCHEDULE_FIELDS } from './schedule-change';
import type { UnfinishedWork } from '../../db/unfinished-work';
import { markAllFinished, newWork, withWork } from '../../db/unfinished-work';
import type { ImportedRow } from './employee-finishers';
import { importedRowAnnouncements, importedRowEntry } from './employee-finishers';
import { BusinessRuleError } from '../../lib/errors';
import { recordAuditMany, recordThenAnnounce } from '../audit';
import { Department } from './department.model';
import { Employee } from './employee.model';
import type { PlannedRow, StoredForImport } from './employee-import.plan';
import { planEmployeeImport } from './employee-import.plan';
import { EmployeeImportRow } from './employee-import.schemas';

/**
 * Employees from a CSV file, all or nothing without a transaction: every row is checked against
 * what is stored (codes, emails, departments, managers, cycles) before anything is written, and
 * nothing is written on a dry run or when a row is refused. The write is idempotent, keyed by
 * employee code: first every employee is upserted without its manager, then managers are set by
 * code. A retry after a crash between or during the two steps writes the same values again and
 * ends in the same state.
 */
interface StoredRow {
  _id: Types.ObjectId;
  employeeCode: string;
  email: string;
  managerId?: Types.ObjectId | null;
  departmentId?: Types.ObjectId | null;
  [field: string]: unknown;
}

const READ_FIELDS = {
  employeeCode: 1,
  email: 1,
  firstName: 1,
  lastName: 1,
  hireDate: 1,
  phone: 1,
  position: 1,
  timezone: 1,
  holidayCalendar: 1,
  status: 1,
  managerId: 1,
  departmentId: 1,
};

async function loadStored(): Promise<{ stored: StoredForImport[]; departments: Map<string, string> }> {
  const [employees, departmentRows] = await Promise.all([
    Employee.find({}, READ_FIELDS).lean<StoredRow[]>(),
    Department.find({}, { code: 1 }).lean(),
  ]);
  const departments = new Map<string, string>();
  const departmentCodes = new Map<string, string>();
  for (const d of departmentRows) {
    if (!d.code) continue;
    departments.set(d.code, d._id.toHexString());
    departmentCodes.set(d._id.toHexString(), d.code);
  }
  const stored = employees.map((e) => {
    const { _id, managerId, departmentId, ...fields } = e;
    const department = departmentId?.toHexString() ?? null;
    return {
      id: _id.toHexString(),
      employeeCode: e.employeeCode,
      email: e.email,
      managerId: managerId?.toHexString() ?? null,
      departmentId: department,
      fields: { ...fields, departmentCode: department ? (departmentCodes.get(department) ?? null) : null },
    };
  });
  return { stored, departments };
}

/**
 * Ids by employee code: stored employees keep theirs, new ones get one chosen here, so a manager
 * created by the same file can be referenced in the same write.
 */
class IdsByCode {
  private readonly ids: Map<string, Types.ObjectId>;
  constructor(stored: StoredForImport[]) {
    this.ids = new Map(stored.map((e) => [e.employeeCode, new mongoose.Types.ObjectId(e.id)]));
  }
  of(code: string): Types.ObjectId {
    let id = this.ids.get(code);
    if (!id) this.ids.set(code, (id = new mongoose.Types.ObjectId()));
    return id;
  }
}

function importedRow(p: PlannedRow): ImportedRow {
  return {
    kind: p.kind === 'create' ? 'create' : 'update',
    row: p.row,
    before: p.before,
    after: p.after,
    statusChange: p.statusChange,
    scheduleFields: SCHEDULE_FIELDS.filter((f) => f in p.set || p.unset.includes(f)),
  };
}

function employeeWrite(p: PlannedRow, ids: IdsByCode, work: UnfinishedWork) {
  const $set: Record<string, unknown> = { ...p.set };
  const $unset: Record<string, 1> = Object.fromEntries(p.unset.map((f) => [f, 1]));
  if (p.statusChange === 'inactive') $set.deactivatedAt = new Date();
  if (p.statusChange === 'active') $unset.deactivatedAt = 1;
  if (p.managerChanged || (p.kind === 'create' && p.managerCode)) {
    if (p.managerCode) $set.managerId = ids.of(p.managerCode);
    else $unset.managerId = 1;
  }
  const update = {
    $set,
    ...(Object.keys($unset).length > 0 ? { $unset } : {}),
    ...(p.kind === 'create' ? { $setOnInsert: { _id: ids.of(p.employeeCode) } } : {}),
  };
  return {
    updateOne: {
      filter: { employeeCode: p.employeeCode },
      update: withWork(update, work),
      upsert: p.kind === 'create',
    },
  };
}

/** Every stored employee's id by code: one projected read instead of a long `$in` list. */
async function storedIdsByCode(): Promise<Map<string, Types.ObjectId>> {
  const rows = await Employee.find({}, { employeeCode: 1 }).lean();
  return new Map(rows.map((e) => [e.employeeCode, e._id]));
}

/**
 * An employee the same file creates may have been inserted by a concurrent import with another id
 * than the one chosen here; managers that point at a chosen id that did not win are set again.
 */
async function repairManagerIds(planned: PlannedRow[], ids: IdsByCode, stored: Map<string, Types.ObjectId>) {
  const repairs = planned.flatMap((p) => {
    const managerCode = p.managerCode;
    if (!managerCode || !(p.managerChanged || p.kind === 'create')) return [];
    const actual = stored.get(managerCode);
    if (!actual || actual.equals(ids.of(managerCode))) return [];
    return [
      { updateOne: { filter: { employeeCode: p.employeeCode }, update: { $set: { managerId: actual } } } },
    ];
  });
  if (repairs.length > 0) await Employee.bulkWrite(repairs, { ordered: false });
}

export async function importEmployees(text: string, dryRun: boolean): Promise<ImportReport> {
  const parsed = readCsvRows(text, EmployeeImportRow);
  const { stored, departments } = await loadStored();
  const plan = planEmployeeImport(parsed, stored, departments);
  if (plan.fileErrors.length > 0) {
    const cycles = plan.fileErrors.some((e) => e.field === 'managerCode');
    throw new BusinessRuleError(
      cycles
        ? 'The file would create a reporting cycle; nothing was written'
        : 'The file names the same employee code or email more than once; nothing was written',
      { errors: plan.fileErrors },
    );
  }
  const count = (kind: PlannedRow['kind']) => plan.planned.filter((p) => p.kind === kind).length;
  const report: ImportReport = {
    dryRun,
    rows: parsed.total,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    errors: plan.rowErrors,
  };
  if (dryRun || plan.rowErrors.length > 0) return report;

  const changed = plan.planned.filter((p) => p.kind !== 'unchanged');
  const ids = new IdsByCode(stored);
  // Each row's write carries what it still owes (its audit entry and events), finished below in one
  // batch, or by the sweeper if this process dies first (employee-finishers.ts).
  const works = changed.map((p) => newWork(`employee.${p.kind}`, { imported: importedRow(p) }));
  if (changed.length > 0) {
    await Employee.bulkWrite(
      changed.map((p, i) => employeeWrite(p, ids, works[i]!)),
      { ordered: false },
    );
  }
  const storedIds = await storedIdsByCode();
  await repairManagerIds(changed, ids, storedIds);
  const rows = changed.flatMap((p, i) => {
    const id = storedIds.get(p.employeeCode);
    return id ? [{ id, employeeId: id.toHexString(), row: importedRow(p), work: works[i]! }] : [];
  });
  await recordAuditMany(rows.map((r) => importedRowEntry(r.employeeId, r.row, r.work.id)));
  const announcements = rows.flatMap((r) => importedRowAnnouncements(r.employeeId, r.row));
  await recordThenAnnounce(
    { action: 'employee.import', entityType: 'Employee', metadata: { ...report, errors: undefined } },
    ...announcements,
  );
  await markAllFinished(Employee, rows);
  return report;
}
