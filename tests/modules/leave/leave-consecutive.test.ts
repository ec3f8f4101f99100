import { gapDays, joins } from '../../../src/modules/leave/leave-consecutive';

const MON_FRI = [1, 2, 3, 4, 5];

describe('joins (pure)', () => {
  it('when two requests touch or only days off lie between them then they join', () => {
    expect(joins('2026-12-09', '2026-12-10', MON_FRI, new Set())).toBe(true);
    expect(joins('2026-12-11', '2026-12-14', MON_FRI, new Set())).toBe(true);
    expect(joins('2026-12-10', '2026-12-14', MON_FRI, new Set(['2026-12-11']))).toBe(true);
  });

  it('when a working day lies between them, or they overlap, then they do not join', () => {
    expect(joins('2026-12-09', '2026-12-11', MON_FRI, new Set())).toBe(false);
    expect(joins('2026-12-10', '2026-12-14', MON_FRI, new Set())).toBe(false);
    expect(joins('2026-12-10', '2026-12-10', MON_FRI, new Set())).toBe(false);
    // A Saturday worker is back at work on Saturday.
    expect(joins('2026-12-11', '2026-12-14', [1, 2, 3, 4, 5, 6], new Set())).toBe(false);
  });
});

describe('gapDays (pure)', () => {
  it('when the type counts calendar days then the gap counts; working-day types add nothing', () => {
    expect(gapDays('calendar_day', '2026-12-11', '2026-12-14')).toBe(2);
    expect(gapDays('calendar_day', '2026-12-11', '2026-12-12')).toBe(0);
    expect(gapDays('working_day', '2026-12-11', '2026-12-14')).toBe(0);
  });
});
