import { absenceSpells } from '../../../src/modules/reports/absenteeism.service';
import type { WorkedDay } from '../../../src/modules/reports/compliance.service';
import { workingTimeFindings } from '../../../src/modules/reports/compliance.service';
import { balanceFromLedgerSums } from '../../../src/modules/leave';

/** The report rules without a database: spells, working-time findings and the ledger's balance formula. */
const limits = { dailyMaxMinutes: 600, weeklyMaxMinutes: 2880, minRestMinutes: 660 };
const at = (iso: string) => new Date(iso);

describe('absence spells', () => {
  it('when absent days run together then they are one spell; a worked or leave day ends it', () => {
    expect(absenceSpells(['absent', 'absent', 'present', 'absent', 'on_leave', 'absent', 'absent'])).toEqual({
      spells: 3,
      absenceDays: 5,
    });
  });

  it('when nobody was absent then there are no spells', () => {
    expect(absenceSpells(['present', 'half_day_leave'])).toEqual({ spells: 0, absenceDays: 0 });
    expect(absenceSpells([])).toEqual({ spells: 0, absenceDays: 0 });
  });
});

describe('working-time findings', () => {
  const week = { from: '2026-11-02', to: '2026-11-08' };

  it('when a day is over the daily maximum then that day is flagged with its minutes', () => {
    const days: WorkedDay[] = [{ date: '2026-11-05', workedMinutes: 610 }];
    expect(workingTimeFindings(days, week, limits)).toEqual([
      { rule: 'daily_max', date: '2026-11-05', valueMinutes: 610, limitMinutes: 600 },
    ]);
  });

  it('when the rest between two days is short then the second day is flagged; exactly the minimum is fine', () => {
    const days: WorkedDay[] = [
      { date: '2026-11-02', workedMinutes: 480, lastOut: at('2026-11-02T23:00:00Z') },
      {
        date: '2026-11-03',
        workedMinutes: 480,
        firstIn: at('2026-11-03T07:00:00Z'),
        lastOut: at('2026-11-03T15:00:00Z'),
      },
      { date: '2026-11-04', workedMinutes: 480, firstIn: at('2026-11-04T02:00:00Z') },
    ];
    expect(workingTimeFindings(days, week, limits)).toEqual([
      { rule: 'min_rest', date: '2026-11-03', valueMinutes: 480, limitMinutes: 660 },
    ]);
  });

  it('when the average week is over the maximum then the end of the range carries it', () => {
    const days: WorkedDay[] = ['02', '03', '04', '05', '06', '07'].map((d) => ({
      date: `2026-11-${d}`,
      workedMinutes: 540,
    }));
    expect(workingTimeFindings(days, week, limits)).toEqual([
      { rule: 'weekly_average', date: '2026-11-08', valueMinutes: 3240, limitMinutes: 2880 },
    ]);
    // Over two weeks the same hours average half as much: nothing to report.
    expect(workingTimeFindings(days, { from: '2026-11-02', to: '2026-11-15' }, limits)).toEqual([]);
  });
});

describe('balance from ledger sums', () => {
  it('when usage and holds are released then taken and pending fall back and the rest is available', () => {
    expect(
      balanceFromLedgerSums({
        accrual: 20,
        carry_over: 5,
        carry_over_expiry: -2,
        adjustment: 1,
        usage: -4,
        usage_release: 1,
        hold: -2,
        hold_release: 1,
      }),
    ).toEqual({ entitled: 20, carriedOver: 3, adjustments: 1, used: 3, pending: 1, available: 20 });
  });
});
