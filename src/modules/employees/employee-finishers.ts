import type { StoredDocument, UnfinishedWork } from '../../db/unfinished-work';
import { registerFinisher } from '../../db/unfinished-work';
import type { Announcement } from '../audit';
import { recordThenAnnounce } from '../audit';
import { Employee } from './employee.model';
import type { EmployeeDto } from './employees.schemas';
import type { StoredEmployee } from './employees.service';
import { toEmployeeDto } from './employees.service';
import { changedScheduleFields, scheduleChanged } from './schedule-change';

/**
 * What creating, changing and deactivating an employee owe after their write: the audit entry
 * (which the integrations outbox mirrors as `employee.*` events) and the announcements. They run
 * right after the write and, if the process died first, from the sweeper (src/db/unfinished-work.ts);
 * the work's id makes the audit entry, and so its events, one per change. A change finished by the
 * sweeper after a later change of the same record reports the record as it is now.
 */

function statusChange(id: string, before: EmployeeDto, after: EmployeeDto): Announcement[] {
  if (before.status === after.status) return [];
  return [
    [after.status === 'inactive' ? 'employee.deactivated' : 'employee.reactivated', { employeeId: id }],
  ];
}

/** What a CSV import row owes: its audit entry as the import saw it, and the row's announcements. */
export interface ImportedRow {
  kind: 'create' | 'update';
  row: number;
  before?: Record<string, unknown> | undefined;
  after: Record<string, unknown>;
  statusChange?: 'inactive' | 'active' | undefined;
  scheduleFields: string[];
}

export function importedRowEntry(employeeId: string, r: ImportedRow, changeId: string) {
  return {
    action: r.kind === 'create' ? 'employee.create' : 'employee.update',
    entityType: 'Employee',
    entityId: employeeId,
    before: r.before,
    after: r.after,
    metadata: { source: 'csv-import', row: r.row },
    changeId,
  };
}

/** Logins follow their employee: the same events a PATCH of the status emits. */
export function importedRowAnnouncements(employeeId: string, r: ImportedRow): Announcement[] {
  const status: Announcement[] = r.statusChange
    ? [[r.statusChange === 'inactive' ? 'employee.deactivated' : 'employee.reactivated', { employeeId }]]
    : [];
  return [...(r.kind === 'update' ? scheduleChanged(employeeId, r.scheduleFields) : []), ...status];
}

async function finishImportedRow(doc: StoredDocument, work: UnfinishedWork): Promise<void> {
  const employeeId = String(doc._id);
  const row = work.data?.imported as ImportedRow;
  await recordThenAnnounce(
    importedRowEntry(employeeId, row, work.id),
    ...importedRowAnnouncements(employeeId, row),
  );
}

async function finishCreate(doc: StoredDocument, work: UnfinishedWork): Promise<void> {
  if (work.data?.imported) return finishImportedRow(doc, work);
  const dto = toEmployeeDto(doc as StoredEmployee);
  await recordThenAnnounce({
    action: work.action,
    entityType: 'Employee',
    entityId: dto.id,
    after: dto,
    changeId: work.id,
  });
}

async function finishUpdate(doc: StoredDocument, work: UnfinishedWork): Promise<void> {
  if (work.data?.imported) return finishImportedRow(doc, work);
  const after = toEmployeeDto(doc as StoredEmployee);
  const before = work.data?.before as EmployeeDto;
  await recordThenAnnounce(
    { action: work.action, entityType: 'Employee', entityId: after.id, before, after, changeId: work.id },
    ...scheduleChanged(after.id, changedScheduleFields(before, after)),
    ...statusChange(after.id, before, after),
  );
}

async function finishDeactivation(doc: StoredDocument, work: UnfinishedWork): Promise<void> {
  const after = toEmployeeDto(doc as StoredEmployee);
  await recordThenAnnounce(
    {
      action: work.action,
      entityType: 'Employee',
      entityId: after.id,
      before: work.data?.before as EmployeeDto,
      after,
      changeId: work.id,
    },
    ['employee.deactivated', { employeeId: after.id }],
  );
}

registerFinisher(Employee, 'employee.create', finishCreate);
registerFinisher(Employee, 'employee.update', finishUpdate);
registerFinisher(Employee, 'employee.deactivate', finishDeactivation);
