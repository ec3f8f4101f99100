import { activeEmployees } from '../employees';
import { closeDays } from './attendance-days.service';

export { attendanceRoutes } from './attendance.routes';
export { subscribeAttendanceToEvents } from './attendance.subscribers';
export { authenticateDeviceKey } from './devices.service';
export { AttendanceDayShape } from './attendance.schemas';

/** The `close-day` job: records for finished working days that have none (absent unless leave/holiday/day off). */
export const runCloseDays = (date: string) => closeDays(date, activeEmployees());
export { exportAttendanceData } from './attendance-days.service';
export type { AttendanceDayDto } from './attendance-days.service';
export { aggregateAttendanceDays, employeesWithPunchesOn } from './attendance-reads.service';
export { shiftWindow } from './day-rules';
