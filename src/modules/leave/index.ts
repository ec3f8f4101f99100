import { onDomainEvent } from '../../lib/domain-events';
import { deleteAttachmentsOfEmployee } from './attachment-storage';
import { scrubLeaveText } from './leave-requests.service';
export { leaveRoutes } from './leave.routes';
export { LEAVE_SCHEMAS } from './leave.openapi';
export { runAccrual, runCarryOver } from './balances.service';
export type { JobSummary } from './balances.service';
export {
  approvedLeaveBetween,
  approvedLeaveOn,
  approvedLeaveStartingBetween,
  exportLeaveData,
} from './leave-requests.service';
export { calendarsFor, holidayDatesBetween, holidaysBetween } from './holidays.service';
export type { LeaveRequestDto } from './leave-requests.service';
export { getLeaveCalendar } from './leave-calendar.service';
export type { LeaveCalendarEntry } from './leave-calendar.service';
export { aggregateLeaveRequests, aggregateLedgerEntries } from './leave-reads.service';
export { balanceFromLedgerSums } from './ledger.service';
export type { BalanceParts } from './ledger.service';
export type { LedgerKind } from './leave-ledger.model';

// A former employee's free text goes with their personal data.
onDomainEvent('employee.anonymised', ({ employeeId }) => scrubLeaveText(employeeId));
// Sick notes are health data: deleting (deactivating) or anonymising an employee removes their files.
onDomainEvent('employee.deactivated', async ({ employeeId }) => {
  await deleteAttachmentsOfEmployee(employeeId);
});
onDomainEvent('employee.anonymised', async ({ employeeId }) => {
  await deleteAttachmentsOfEmployee(employeeId);
});
export { checkLeaveInvariants } from './invariants.service';
