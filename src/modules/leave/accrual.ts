import { monthOf, yearOf } from '../../lib/dates';
import type { AccrualKind } from './leave-type.model';

export interface AccrualPolicy {
  accrual: AccrualKind;
  annualEntitlement: number;
}

export interface AccrualPeriod {
  /** `2026` for yearly accrual, `2026-03` for monthly. Part of the ledger key. */
  period: string;
  days: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * What an employee is entitled to in `year`, as of `asOf`:
 * - yearly: the whole entitlement from the start of the leave year (bookable from the year before),
 *   pro-rated by started months employed in the hire year;
 * - monthly: 1/12 for every started month up to `asOf`, from the hire month on.
 * Monthly amounts telescope (each is the rounded running total minus the previous one), so twelve
 * months always add up to exactly the annual entitlement.
 */
export function accrualPeriods(
  policy: AccrualPolicy,
  hireDate: string,
  year: number,
  asOf: string,
): AccrualPeriod[] {
  if (policy.accrual === 'none' || policy.annualEntitlement <= 0 || year < yearOf(hireDate)) return [];
  const firstMonth = year === yearOf(hireDate) ? monthOf(hireDate) : 1;
  const entitlement = policy.annualEntitlement;
  if (policy.accrual === 'yearly') {
    if (year > yearOf(asOf) + 1) return [];
    return [{ period: String(year), days: round2((entitlement * (13 - firstMonth)) / 12) }];
  }
  const lastMonth = year < yearOf(asOf) ? 12 : year === yearOf(asOf) ? monthOf(asOf) : 0;
  const periods: AccrualPeriod[] = [];
  for (let month = firstMonth; month <= lastMonth; month++) {
    const before = round2((entitlement * (month - 1)) / 12);
    const after = round2((entitlement * month) / 12);
    periods.push({ period: `${year}-${String(month).padStart(2, '0')}`, days: round2(after - before) });
  }
  return periods;
}
