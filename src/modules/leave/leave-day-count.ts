import type { EmployeeDto } from '../employees';
import { calendarsFor, holidayDatesBetween } from './holidays.service';
import type { DayCount } from './leave-days';
import { countLeaveDays } from './leave-days';
import type { LeaveTypeDto } from './leave-types.service';

/** The dates of a request (or of one being asked for). */
export interface RequestDates {
  startDate: string;
  endDate: string;
  halfDayStart?: boolean | undefined;
  halfDayEnd?: boolean | undefined;
}

/**
 * A request's days as they count for this employee now: their work week and the holidays of their
 * calendars. Submission and every recount use this one count, so the two can never disagree.
 */
export async function countRequestDays(
  employee: Pick<EmployeeDto, 'holidayCalendar' | 'workWeek'>,
  type: Pick<LeaveTypeDto, 'unit'>,
  dates: RequestDates,
): Promise<DayCount> {
  const holidays = await holidayDatesBetween(
    calendarsFor(employee.holidayCalendar),
    dates.startDate,
    dates.endDate,
  );
  return countLeaveDays({
    startDate: dates.startDate,
    endDate: dates.endDate,
    halfDayStart: dates.halfDayStart ?? false,
    halfDayEnd: dates.halfDayEnd ?? false,
    unit: type.unit,
    workWeek: employee.workWeek,
    holidays,
  });
}
