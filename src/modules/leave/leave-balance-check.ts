import { BusinessRuleError } from '../../lib/errors';
import type { EmployeeDto } from '../employees';
import { availableDays } from './balances.service';
import type { DatedLeave } from './carry-over-expiry';
import { pendingLapseChange } from './carry-over-expiry';
import type { LeaveTypeDto } from './leave-types.service';

/**
 * Refuses (422) a request its leave years cannot pay for, unless the type allows a negative balance.
 * Carried-over days count only for leave dated on or before their expiry: days that will lapse
 * (because no leave in that window uses them) are not available to leave after it.
 */
export async function assertBalance(
  employee: EmployeeDto,
  type: LeaveTypeDto,
  leave: DatedLeave,
  byYear: Array<{ year: number; days: number }>,
): Promise<void> {
  if (type.allowNegative) return;
  for (const { year, days } of byYear) {
    const now = await availableDays(employee, type, year);
    const available = Math.round((now + (await pendingLapseChange(employee, type, year, leave))) * 100) / 100;
    if (days > available) {
      const lapsing =
        available < now
          ? ` (${Math.round((now - available) * 100) / 100} carried-over day(s) lapse unused)`
          : '';
      throw new BusinessRuleError(
        `Insufficient ${type.code} balance for ${year}: ${days} day(s) requested, ${available} available${lapsing}`,
      );
    }
  }
}
