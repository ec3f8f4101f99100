import { getConfig } from '../../config';
import { addDays, todayIn } from '../../lib/dates';
import { onDomainEvent } from '../../lib/domain-events';
import { recomputeExistingDays } from './attendance-days.service';
import { onDeviceSourceRefused } from './attendance-exceptions.service';
import { scrubPunchNotes } from './punches.service';
import { refreshStaleDays } from './stale-days.service';
import { beforePeriodCloses } from '../periods';

/** What the attendance module does when other modules announce something. */
export function subscribeAttendanceToEvents(): void {
  // Approved leave and holidays change the status of days already recorded.
  onDomainEvent('leave.changed', async ({ employeeId, startDate, endDate }) => {
    const today = todayIn(getConfig().COMPANY_TIMEZONE);
    if (startDate <= today)
      await recomputeExistingDays({ employeeId, from: startDate, to: endDate < today ? endDate : today });
  });
  onDomainEvent('holiday.changed', async ({ date }) => {
    await recomputeExistingDays({ from: date, to: date });
  });
  // A new work week, shift, time zone or holiday calendar changes what recent days mean (a day off,
  // late, overtime). Days still open to punches (INGEST_MAX_AGE_DAYS) are recomputed; older ones
  // keep what payroll already saw.
  onDomainEvent('employee.schedule_changed', async ({ employeeId }) => {
    const config = getConfig();
    const today = todayIn(config.COMPANY_TIMEZONE);
    await recomputeExistingDays({ employeeId, from: addDays(today, -config.INGEST_MAX_AGE_DAYS), to: today });
  });
  onDomainEvent('employee.anonymised', ({ employeeId }) => scrubPunchNotes(employeeId));
  // A payroll period closes only once the days ingest marked stale in it are recomputed.
  beforePeriodCloses((range) => refreshStaleDays(range));
  // A terminal pushed from an address outside its allowedIps: an unknown_source exception.
  onDomainEvent('device.source_refused', onDeviceSourceRefused);
}
