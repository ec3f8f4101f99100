import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';
import { AttendanceDayShape } from '../attendance';
import { AuditEntryShape } from '../audit';
import { UserShape } from '../auth';
import { EmployeeShape } from '../employees';
import { LeaveRequestShape } from '../leave';
import { NotificationShape } from '../notifications';

/** The personal-data export, declared once: the document and the type the service returns. */

const storedEntries = (description: string) =>
  s.list(s.unknown()).describe(`${description}, as stored (internal ids included)`);

export const EmployeeExportShape = s
  .object({
    exportedAt: s.dateTime(),
    employee: EmployeeShape,
    user: UserShape.nullable().describe('The login, never its secrets; null if none'),
    leave: s.object({
      requests: s.list(LeaveRequestShape),
      ledger: storedEntries('Balance ledger entries'),
    }),
    attendance: s.object({
      days: s.list(AttendanceDayShape),
      punches: storedEntries('Punches'),
    }),
    notifications: s.list(NotificationShape),
    audit: s.list(AuditEntryShape).describe('Entries about the employee or their login, and made by them'),
  })
  .named('EmployeeExport');
export type EmployeeExport = Infer<typeof EmployeeExportShape>;
