import { todayIn } from '../../lib/dates';
import { onDomainEvent } from '../../lib/domain-events';
import { getConfig } from '../../config';
import { activeEmployees } from '../employees';
import { closeDays, recomputeExistingDays } from './attendance-days.service';
import { scrubPunchNotes } from './punches.service';

export { attendanceRoutes } from './attendance.routes';
export { ATTENDANCE_SCHEMAS } from './attendance.openapi';

/** The `close-day` job: records for finished working days that have none (absent unless leave/holiday/day off). */
export const runCloseDays = (date: string) => closeDays(date, activeEmployees());

// Approved leave and holidays change the status of days already recorded.
onDomainEvent('leave.changed', async ({ employeeId, startDate, endDate }) => {
  const today = todayIn(getConfig().COMPANY_TIMEZONE);
  if (startDate <= today)
    await recomputeExistingDays({ employeeId, from: startDate, to: endDate < today ? endDate : today });
});
onDomainEvent('holiday.changed', async ({ date }) => {
  await recomputeExistingDays({ from: date, to: date });
});
export { exportAttendanceData } from './attendance-days.service';
export type { AttendanceDayDto } from './attendance-days.service';
export { aggregateAttendanceDays, employeesWithPunchesOn } from './attendance-reads.service';
export { shiftWindow } from './day-rules';
onDomainEvent('employee.anonymised', ({ employeeId }) => scrubPunchNotes(employeeId));
export { checkAttendanceInvariants } from './invariants.service';
