import type { Types } from 'mongoose';
import mongoose from 'mongoose';
import { inBatches } from '../../lib/batches';
import type { ScopeActor } from './scope.service';
import { Department } from './department.model';
import { Employee } from './employee.model';
import type { EMPLOYEE_CSV_COLUMNS } from './employee-import.schemas';
import type { EmployeeFilters } from './employees.schemas';
import { employeeListFilter, employeeSort } from './employees-query';

/**
 * Every employee of a list in the actor's scope as CSV rows, read through a cursor in batches: per
 * batch one lookup of the managers' codes, so memory does not grow with the number of employees.
 * The columns are those of the employee import, so an export can be edited and imported again.
 */
export type EmployeeCsvRow = Record<(typeof EMPLOYEE_CSV_COLUMNS)[number], string>;

const BATCH = 1000;

interface StoredRow {
  _id: Types.ObjectId;
  employeeCode: string;
  firstName: string;
  lastName: string;
  email: string;
  hireDate: string;
  phone?: string;
  position?: string;
  departmentId?: Types.ObjectId;
  managerId?: Types.ObjectId;
  timezone?: string;
  holidayCalendar?: string;
  status: string;
}

async function managerCodes(batch: StoredRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(batch.flatMap((e) => (e.managerId ? [e.managerId.toHexString()] : [])))];
  if (ids.length === 0) return new Map();
  const rows = await Employee.find({ _id: mongoose.trusted({ $in: ids }) }, { employeeCode: 1 }).lean();
  return new Map(rows.map((m) => [m._id.toHexString(), m.employeeCode]));
}

export async function* employeeCsvRows(
  actor: ScopeActor,
  filters: EmployeeFilters,
): AsyncGenerator<EmployeeCsvRow> {
  const filter = await employeeListFilter(actor, filters);
  const departments = new Map(
    (await Department.find({}, { code: 1 }).lean()).map((d) => [d._id.toHexString(), d.code ?? '']),
  );
  const cursor = Employee.find(filter)
    .sort(employeeSort(filters.sort))
    .lean<StoredRow[]>()
    .cursor({ batchSize: BATCH });
  for await (const batch of inBatches<StoredRow>(cursor, BATCH)) {
    const managers = await managerCodes(batch);
    for (const e of batch) {
      yield {
        employeeCode: e.employeeCode,
        firstName: e.firstName,
        lastName: e.lastName,
        email: e.email,
        hireDate: e.hireDate,
        phone: e.phone ?? '',
        position: e.position ?? '',
        departmentCode: e.departmentId ? (departments.get(e.departmentId.toHexString()) ?? '') : '',
        managerCode: e.managerId ? (managers.get(e.managerId.toHexString()) ?? '') : '',
        timezone: e.timezone ?? '',
        holidayCalendar: e.holidayCalendar ?? '',
        status: e.status,
      };
    }
  }
}
