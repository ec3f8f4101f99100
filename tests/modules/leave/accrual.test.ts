import fc from 'fast-check';
import { accrualPeriods } from '../../../src/modules/leave/accrual';

const monthly = { accrual: 'monthly' as const, annualEntitlement: 20 };
const yearly = { accrual: 'yearly' as const, annualEntitlement: 20 };
const total = (periods: Array<{ days: number }>) =>
  Math.round(periods.reduce((sum, p) => sum + p.days, 0) * 100) / 100;

describe('accrualPeriods (pure)', () => {
  it('when accrual is monthly then each started month up to asOf earns its share, keyed by month', () => {
    const periods = accrualPeriods(monthly, '2020-01-01', 2026, '2026-03-15');
    expect(periods.map((p) => p.period)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(total(periods)).toBe(5);
  });

  it('when someone is hired mid-year then monthly accrual starts in the hire month and yearly is pro-rated', () => {
    expect(accrualPeriods(monthly, '2026-10-20', 2026, '2026-12-31').map((p) => p.period)).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    // Hired in October: three started months of twelve.
    expect(accrualPeriods(yearly, '2026-10-20', 2026, '2026-12-31')).toEqual([{ period: '2026', days: 5 }]);
  });

  it('when the year is next year then yearly entitlement is already bookable but monthly has earned nothing', () => {
    expect(accrualPeriods(yearly, '2020-01-01', 2027, '2026-12-01')).toEqual([{ period: '2027', days: 20 }]);
    expect(accrualPeriods(yearly, '2020-01-01', 2028, '2026-12-01')).toEqual([]);
    expect(accrualPeriods(monthly, '2020-01-01', 2027, '2026-12-01')).toEqual([]);
  });

  it('when the year is before the hire year or the type does not accrue then nothing is due', () => {
    expect(accrualPeriods(monthly, '2026-05-01', 2025, '2026-12-01')).toEqual([]);
    expect(
      accrualPeriods({ accrual: 'none', annualEntitlement: 20 }, '2020-01-01', 2026, '2026-12-01'),
    ).toEqual([]);
    expect(accrualPeriods({ ...monthly, annualEntitlement: 0 }, '2020-01-01', 2026, '2026-12-01')).toEqual(
      [],
    );
  });

  it('for any entitlement the twelve monthly amounts add up to exactly the annual entitlement', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6000 }), (hundredths) => {
        const annualEntitlement = hundredths / 100;
        const periods = accrualPeriods(
          { accrual: 'monthly', annualEntitlement },
          '2020-01-01',
          2026,
          '2026-12-31',
        );
        return periods.length === 12 && total(periods) === annualEntitlement;
      }),
      { numRuns: 500 },
    );
  });

  it('for any asOf, accrual never decreases as the year goes on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 364 }), (day) => {
        const date = (n: number) =>
          new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const earlier = total(accrualPeriods(monthly, '2020-01-01', 2026, date(day - 1)));
        const later = total(accrualPeriods(monthly, '2020-01-01', 2026, date(day)));
        return later >= earlier;
      }),
      { numRuns: 200 },
    );
  });
});
