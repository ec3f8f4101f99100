/**
 * Payroll periods: the period model, its commands (create closed, reopen, close again) and the
 * closed-date guard other modules call before they write. Depends only on lib, db, http and audit.
 */
export { periodRoutes } from './periods.routes';
export { beforePeriodCloses, getPeriod } from './periods.service';
export type { PayrollPeriodDto } from './periods.schemas';
export { PayrollPeriodShape } from './periods.schemas';
export { assertDatesOpen, closedDatesAmong, closedPeriodTouching } from './period-guard.service';
export type { DatesToCheck } from './period-guard.service';
export { checkPeriodInvariants } from './invariants.service';
