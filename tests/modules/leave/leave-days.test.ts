import { countLeaveDays } from '../../../src/modules/leave/leave-days';

/** Monday to Friday; 2026-03-02 is a Monday. */
const WEEKDAYS = [1, 2, 3, 4, 5];
const base = {
  halfDayStart: false,
  halfDayEnd: false,
  unit: 'working_day' as const,
  workWeek: WEEKDAYS,
  holidays: new Set<string>(),
};

describe('countLeaveDays (pure)', () => {
  it('when a working-day request spans a weekend then only the working days count', () => {
    expect(countLeaveDays({ ...base, startDate: '2026-03-05', endDate: '2026-03-10' }).total).toBe(4);
  });

  it('when a holiday falls inside then it is not charged, but a calendar-day type charges it', () => {
    const holidays = new Set(['2026-03-04']);
    expect(countLeaveDays({ ...base, holidays, startDate: '2026-03-02', endDate: '2026-03-06' }).total).toBe(
      4,
    );
    expect(
      countLeaveDays({
        ...base,
        holidays,
        unit: 'calendar_day',
        startDate: '2026-03-02',
        endDate: '2026-03-08',
      }).total,
    ).toBe(7);
  });

  it('when the first or last day is a half day then each counts 0.5', () => {
    const input = { ...base, startDate: '2026-03-02', endDate: '2026-03-06' };
    expect(countLeaveDays({ ...input, halfDayStart: true }).total).toBe(4.5);
    expect(countLeaveDays({ ...input, halfDayStart: true, halfDayEnd: true }).total).toBe(4);
    expect(
      countLeaveDays({ ...base, startDate: '2026-03-02', endDate: '2026-03-02', halfDayEnd: true }).total,
    ).toBe(0.5);
  });

  it('when a half day falls on a day off then it costs nothing (it would not have counted at all)', () => {
    // Saturday 2026-03-07 to Monday 2026-03-09 with the first day halved: only Monday counts.
    expect(
      countLeaveDays({ ...base, startDate: '2026-03-07', endDate: '2026-03-09', halfDayStart: true }).total,
    ).toBe(1);
  });

  it('when a request crosses 31 December then the days are split by leave year', () => {
    const count = countLeaveDays({ ...base, startDate: '2026-12-30', endDate: '2027-01-05' });
    expect(count.byYear).toEqual([
      { year: 2026, days: 2 },
      { year: 2027, days: 3 },
    ]);
    expect(count.total).toBe(5);
  });

  it('when someone works a four-day week then their fifth weekday is a day off', () => {
    expect(
      countLeaveDays({ ...base, workWeek: [1, 2, 3, 4], startDate: '2026-03-02', endDate: '2026-03-08' })
        .total,
    ).toBe(4);
  });

  it('when every day is off then the request costs 0 and has no years', () => {
    expect(countLeaveDays({ ...base, startDate: '2026-03-07', endDate: '2026-03-08' })).toEqual({
      total: 0,
      byYear: [],
    });
  });
});
