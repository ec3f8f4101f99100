import { getConfig } from '../../config';
import { todayIn } from '../../lib/dates';
import { onDomainEvent } from '../../lib/domain-events';
import { recomputeExistingDays } from './attendance-days.service';
import { onDeviceSourceRefused } from './attendance-exceptions.service';
import { scrubPunchNotes } from './punches.service';

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
  onDomainEvent('employee.anonymised', ({ employeeId }) => scrubPunchNotes(employeeId));
  // A terminal pushed from an address outside its allowedIps: an unknown_source exception.
  onDomainEvent('device.source_refused', onDeviceSourceRefused);
}
