export { leaveRoutes } from './leave.routes';
export { subscribeLeaveToEvents } from './leave.subscribers';
export { LeaveCalendarEntryShape, LeaveRequestShape } from './leave.schemas';
export { runAccrual, runCarryOver } from './balances.service';
export { runApprovalEscalation } from './approval-escalation.service';
export type { JobSummary } from './balances.service';
export {
  approvedLeaveBetween,
  approvedLeaveOn,
  approvedLeaveStartingBetween,
  exportLeaveData,
} from './leave-request-queries.service';
export {
  calendarsFor,
  createHoliday,
  holidayDatesBetween,
  holidaysBetween,
  listHolidays,
} from './holidays.service';
export { createLeaveType, listLeaveTypes } from './leave-types.service';
export type { LeaveTypeInput } from './leave-types.service';
export type { LeaveRequestDto } from './leave-request-dto';
export { getLeaveCalendar } from './leave-calendar.service';
export type { LeaveCalendarEntry } from './leave-calendar.service';
export { aggregateLeaveRequests, aggregateLedgerEntries } from './leave-reads.service';
export { balanceFromLedgerSums } from './ledger.service';
export type { BalanceParts } from './ledger.service';
export type { LedgerKind } from './leave-ledger.model';
export { checkLeaveInvariants } from './invariants.service';
