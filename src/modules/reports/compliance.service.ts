import { getConfig } from '../../config';
import { daysBetween } from '../../lib/dates';
import type { ScopeActor } from '../employees';
import type { Range } from './pipeline';
import { daysPerEmployee, employeeColumns } from './pipeline';
import type { ComplianceViolation } from './reports.schemas';

export interface WorkedDay {
  date: string;
  workedMinutes: number;
  firstIn?: Date;
  lastOut?: Date;
}

export interface WorkingTimeLimits {
  dailyMaxMinutes: number;
  weeklyMaxMinutes: number;
  minRestMinutes: number;
}

type Finding = Pick<ComplianceViolation, 'rule' | 'date' | 'valueMinutes' | 'limitMinutes'>;

/**
 * One employee's violations over a range, from their worked days in date order: each day over the
 * daily maximum, each rest between one day's last check-out and the next day's first check-in
 * shorter than the minimum, and an average week over the weekly maximum (dated the range's end).
 */
export function workingTimeFindings(
  days: readonly WorkedDay[],
  range: Range,
  limits: WorkingTimeLimits,
): Finding[] {
  const findings: Finding[] = [];
  let total = 0;
  days.forEach((day, i) => {
    total += day.workedMinutes;
    if (day.workedMinutes > limits.dailyMaxMinutes) {
      findings.push({
        rule: 'daily_max',
        date: day.date,
        valueMinutes: day.workedMinutes,
        limitMinutes: limits.dailyMaxMinutes,
      });
    }
    const previous = days[i - 1];
    if (previous?.lastOut && day.firstIn) {
      const rest = Math.round(
        (new Date(day.firstIn).getTime() - new Date(previous.lastOut).getTime()) / 60000,
      );
      if (rest >= 0 && rest < limits.minRestMinutes) {
        findings.push({
          rule: 'min_rest',
          date: day.date,
          valueMinutes: rest,
          limitMinutes: limits.minRestMinutes,
        });
      }
    }
  });
  const weeks = Math.max(1, (daysBetween(range.from, range.to) + 1) / 7);
  const average = Math.round(total / weeks);
  if (average > limits.weeklyMaxMinutes) {
    findings.push({
      rule: 'weekly_average',
      date: range.to,
      valueMinutes: average,
      limitMinutes: limits.weeklyMaxMinutes,
    });
  }
  return findings;
}

/**
 * Working-time compliance (defaults from the EU Working Time Directive) for everyone in the
 * caller's scope who worked in the range.
 */
export async function compliance(actor: ScopeActor, range: Range): Promise<ComplianceViolation[]> {
  const config = getConfig();
  const limits: WorkingTimeLimits = {
    dailyMaxMinutes: config.COMPLIANCE_DAILY_MAX_MINUTES,
    weeklyMaxMinutes: config.COMPLIANCE_WEEKLY_MAX_MINUTES,
    minRestMinutes: config.COMPLIANCE_MIN_REST_MINUTES,
  };
  const groups = await daysPerEmployee<WorkedDay>(
    actor,
    range,
    { workedMinutes: { $gt: 0 } },
    { workedMinutes: 1, firstIn: 1, lastOut: 1 },
  );
  return groups.flatMap((g) => {
    const who = employeeColumns(g._id, g.employee);
    return workingTimeFindings(g.days, range, limits).map((finding) => ({ ...who, ...finding }));
  });
}
