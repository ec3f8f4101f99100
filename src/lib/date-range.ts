import { BusinessRuleError } from './errors';
import { daysBetween } from './dates';

export interface DateRange {
  from: string;
  to: string;
}

export const MAX_RANGE_DAYS = 366;

/**
 * A calendar-date range a query may ask for: in order and at most a year long. Each date is checked
 * by the route's shape; how the two relate is a rule, so breaking it is 422 naming `to`.
 */
export function assertDateRange(range: DateRange, maxDays = MAX_RANGE_DAYS): void {
  if (range.to < range.from) {
    throw new BusinessRuleError('The range ends before it starts', {
      errors: [{ field: 'to', message: 'must not be before from' }],
    });
  }
  if (daysBetween(range.from, range.to) > maxDays) {
    throw new BusinessRuleError(`The range is longer than ${maxDays} days`, {
      errors: [{ field: 'to', message: `must be within ${maxDays} days of from` }],
    });
  }
}
