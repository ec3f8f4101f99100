import { randomBytes } from 'node:crypto';
import { createHoliday } from '../../src/modules/leave/holidays.service';
import type { LeaveTypeDto, LeaveTypeInput } from '../../src/modules/leave/leave-types.service';
import { createLeaveType } from '../../src/modules/leave/leave-types.service';

export async function makeLeaveType(overrides: LeaveTypeInput = {}): Promise<LeaveTypeDto> {
  return createLeaveType({
    code: `T${randomBytes(3).toString('hex').toUpperCase()}`,
    name: 'Annual leave',
    annualEntitlement: 20,
    accrual: 'yearly',
    ...overrides,
  });
}

export async function makeHoliday(date: string, name = 'Holiday', calendar?: string) {
  return createHoliday({ date, name, ...(calendar ? { calendar } : {}) });
}
