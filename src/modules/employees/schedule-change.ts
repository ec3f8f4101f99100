import type { Announcement } from '../audit';
import type { EmployeeDto } from './employees.schemas';

/** Fields that decide which of an employee's days are worked, and so what their leave costs. */
export const SCHEDULE_FIELDS = ['workWeek', 'schedule', 'timezone', 'holidayCalendar'] as const;

/** The schedule fields whose effective value differs between two views of one employee. */
export function changedScheduleFields(before: EmployeeDto, after: EmployeeDto): string[] {
  return SCHEDULE_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

/** What tells other modules (leave recounts, attendance) that an employee's schedule changed, if it did. */
export function scheduleChanged(employeeId: string, fields: readonly string[]): Announcement[] {
  return fields.length > 0 ? [['employee.schedule_changed', { employeeId, fields: [...fields] }]] : [];
}
