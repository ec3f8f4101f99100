import { addDays, todayIn } from '../../lib/dates';
import { recordThenAnnounce } from '../audit';
import type { EmployeeDto } from '../employees';
import { closedDatesAmong } from '../periods';
import type { AttendanceDayDto } from './attendance-days.service';
import { findDay, recomputeDay } from './attendance-days.service';

/**
 * Closes the three days before `date`: every working day of an active employee that is over in
 * their own time zone and has no record yet gets one (absent, unless leave, holiday or day off says
 * otherwise). Days with punches already have records. Safe to run again: records are upserted.
 */
export async function closeDays(
  date: string,
  employees: AsyncIterable<EmployeeDto>,
): Promise<{ employees: number; entriesWritten: number }> {
  let count = 0;
  let written = 0;
  // A day inside a closed payroll period gets no new record: payroll's figures for it are final.
  const closedDates = await closedDatesAmong([3, 2, 1].map((back) => addDays(date, -back)));
  const closed: Array<{ employeeId: string; date: string; day: AttendanceDayDto }> = [];
  for await (const employee of employees) {
    count++;
    const today = todayIn(employee.timezone);
    for (let back = 3; back >= 1; back--) {
      const day = addDays(date, -back);
      if (day >= today || day < employee.hireDate || closedDates.has(day)) continue;
      let record = await findDay(employee.id, day);
      if (!record) {
        record = await recomputeDay(employee, day);
        written++;
      }
      closed.push({ employeeId: employee.id, date: day, day: record });
    }
  }
  // Every pass announces its days again (a pass that died is made up by the next); the
  // integrations outbox keeps one event per employee and day.
  await recordThenAnnounce(
    {
      action: 'attendance.close_days',
      entityType: 'AttendanceDay',
      metadata: { date, entriesWritten: written },
    },
    ['attendance.days_closed', { days: closed }],
  );
  return { employees: count, entriesWritten: written };
}
