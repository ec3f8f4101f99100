import { activeEmployees } from '../employees';
import { closeDays } from './close-days.service';
import { placeRecentPunches } from './punch-placement.service';
import { refreshStaleDays } from './stale-days.service';

export { attendanceRoutes } from './attendance.routes';
export { subscribeAttendanceToEvents } from './attendance.subscribers';
export { authenticateDeviceKey } from './devices.service';
export { AttendanceDayShape } from './attendance.schemas';

/**
 * The `close-day` job: first re-places the last days' punches (missing check-outs, repairs), then
 * records finished working days that have none (absent unless leave/holiday/day off).
 */
export const runCloseDays = async (date: string) => {
  await refreshStaleDays();
  await placeRecentPunches(date, activeEmployees());
  return closeDays(date, activeEmployees());
};
export { exportFreshAttendanceData as exportAttendanceData } from './fresh-reads.service';
export { drainStaleDays, refreshStaleDays, startStaleDaysWorker } from './stale-days.service';
export type { AttendanceDayDto } from './attendance-days.service';
export { aggregateAttendanceDays, employeesWithPunchesOn } from './attendance-reads.service';
export { shiftWindow } from './day-rules';
export { checkAttendanceInvariants } from './invariants.service';
