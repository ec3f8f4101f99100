import { eachDate, isoWeekday, yearOf } from '../../lib/dates';
import type { LeaveUnit } from './leave-type.model';

export interface DayCountInput {
  startDate: string;
  endDate: string;
  halfDayStart: boolean;
  halfDayEnd: boolean;
  unit: LeaveUnit;
  /** ISO weekdays worked (Monday=1). */
  workWeek: readonly number[];
  /** Holiday dates that apply to the employee. */
  holidays: ReadonlySet<string>;
}

export interface DayCount {
  total: number;
  /** Days per leave (calendar) year, for requests that cross 31 December. */
  byYear: Array<{ year: number; days: number }>;
}

/**
 * Days a request costs. Working-day types skip days off and holidays; calendar-day types count
 * every day. A half day at the start or end counts 0.5 when that day would have counted at all.
 */
export function countLeaveDays(input: DayCountInput): DayCount {
  const perYear = new Map<number, number>();
  for (const date of eachDate(input.startDate, input.endDate)) {
    if (!countsAsLeaveDay(date, input)) continue;
    const half =
      (date === input.startDate && input.halfDayStart) || (date === input.endDate && input.halfDayEnd);
    const year = yearOf(date);
    perYear.set(year, (perYear.get(year) ?? 0) + (half ? 0.5 : 1));
  }
  const byYear = [...perYear.entries()].sort(([a], [b]) => a - b).map(([year, days]) => ({ year, days }));
  return { total: byYear.reduce((sum, y) => sum + y.days, 0), byYear };
}

function countsAsLeaveDay(date: string, input: DayCountInput): boolean {
  if (input.unit === 'calendar_day') return true;
  return input.workWeek.includes(isoWeekday(date)) && !input.holidays.has(date);
}
