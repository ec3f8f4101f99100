import { NotFoundError } from '../../lib/errors';
import { exportAttendanceData } from '../attendance';
import { listAuditAbout, recordAudit } from '../audit';
import { findPublicUserOfEmployee } from '../auth';
import { findEmployeeProfile } from '../employees';
import { exportLeaveData } from '../leave';
import { exportNotifications } from '../notifications';
import type { EmployeeExport } from './privacy.schemas';

/**
 * Everything the service stores about one employee, as one JSON document (GDPR access requests):
 * profile, login (never its secrets), leave and its ledger, attendance and punches, notifications,
 * and the audit entries about them or made by them. Each module contributes through its own service.
 */
export async function exportEmployeeData(employeeId: string): Promise<EmployeeExport> {
  const employee = await findEmployeeProfile(employeeId);
  if (!employee) throw new NotFoundError('Employee not found');
  const user = await findPublicUserOfEmployee(employee.id);
  const [leave, attendance, notifications, audit] = await Promise.all([
    exportLeaveData(employee.id),
    exportAttendanceData(employee.id),
    user ? exportNotifications(user.id) : Promise.resolve([]),
    listAuditAbout([employee.id, ...(user ? [user.id] : [])], user ? [user.id] : []),
  ]);
  await recordAudit({ action: 'employee.export', entityType: 'Employee', entityId: employee.id });
  return {
    exportedAt: new Date().toISOString(),
    employee,
    user: user ?? null,
    leave,
    attendance,
    notifications,
    audit,
  };
}
