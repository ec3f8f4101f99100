import { getConfig } from '../../config';
import { now } from '../../lib/clock';
import { addDays, isoWeekday, todayIn } from '../../lib/dates';
import { employeesWithPunchesOn, shiftWindow } from '../attendance';
import type { EmployeeDto, ScopeActor } from '../employees';
import { activeEmployees, resolveEmployeeScope } from '../employees';
import { getLeaveCalendar, holidayDatesBetween } from '../leave';
import type { TodayAnalytics } from './reports.schemas';

/**
 * Today at a glance for the caller's scope: present (checked in), on leave, absent (shift over, no
 * punch), not yet in (shift not over), and off (weekend or holiday); plus leave in the next 14 days.
 */
export async function today(actor: ScopeActor): Promise<TodayAnalytics> {
  const date = todayIn(getConfig().COMPANY_TIMEZONE);
  const scope = await resolveEmployeeScope(actor);
  const people: EmployeeDto[] = [];
  for await (const e of activeEmployees(scope)) people.push(e);
  const [punched, holidays, leaveToday] = await Promise.all([
    employeesWithPunchesOn(
      date,
      people.map((p) => p.id),
    ),
    holidayDatesBetween(['default'], date, date),
    getLeaveCalendar(actor, { from: date, to: date }),
  ]);
  const away = new Set(leaveToday.map((l) => l.employeeId));
  const counts = { present: 0, onLeave: 0, absent: 0, notYetIn: 0, dayOff: 0 };
  for (const person of people) {
    if (punched.has(person.id)) counts.present++;
    else if (away.has(person.id)) counts.onLeave++;
    else if (holidays.has(date) || !person.workWeek.includes(isoWeekday(date))) counts.dayOff++;
    else if (now() > shiftWindow(date, person.timezone, person.schedule).end) counts.absent++;
    else counts.notYetIn++;
  }
  const upcomingLeave = await getLeaveCalendar(actor, { from: addDays(date, 1), to: addDays(date, 14) });
  return { date, employees: people.length, ...counts, upcomingLeave };
}
