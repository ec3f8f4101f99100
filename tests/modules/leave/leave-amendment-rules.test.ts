import {
  addedDays,
  correctionEntries,
  firstChangedDate,
  isWithin,
} from '../../../src/modules/leave/leave-amendment-rules';

const d = (startDate: string, endDate: string, halfDayStart = false, halfDayEnd = false) => ({
  startDate,
  endDate,
  halfDayStart,
  halfDayEnd,
});

describe('what an amendment changes', () => {
  const approved = d('2026-12-07', '2026-12-11');

  it.each([
    ['shorter at the end', d('2026-12-07', '2026-12-09'), true],
    ['shorter at the start', d('2026-12-09', '2026-12-11'), true],
    ['a day turned half', d('2026-12-07', '2026-12-11', false, true), true],
    ['unchanged', d('2026-12-07', '2026-12-11'), true],
    ['longer', d('2026-12-07', '2026-12-14'), false],
    ['earlier', d('2026-12-04', '2026-12-11'), false],
    ['moved', d('2026-12-08', '2026-12-12'), false],
  ])('when it is %s then inside the approved days is %s', (_label, to, within) => {
    expect(isWithin(approved, to)).toBe(within);
  });

  it('when a half day is made whole then it reaches outside the approved days', () => {
    expect(isWithin(d('2026-12-07', '2026-12-11', true), d('2026-12-07', '2026-12-11'))).toBe(false);
  });

  it('when days are dropped or turned half then the first changed date is the earliest of them', () => {
    expect(firstChangedDate(approved, d('2026-12-09', '2026-12-11'))).toBe('2026-12-07');
    expect(firstChangedDate(approved, d('2026-12-07', '2026-12-11', false, true))).toBe('2026-12-11');
    expect(firstChangedDate(approved, approved)).toBeUndefined();
  });
});

describe('ledger corrections', () => {
  it('when a year costs more then only that year is added', () => {
    expect(
      addedDays(
        [
          { year: 2026, days: 3 },
          { year: 2027, days: 2 },
        ],
        [
          { year: 2026, days: 2 },
          { year: 2027, days: 4 },
        ],
      ),
    ).toEqual([{ year: 2027, days: 2 }]);
  });

  it('when an approved request shrinks then its used days are released once per year, keyed by version', () => {
    const entries = correctionEntries({
      requestId: 'r1',
      employeeId: '665f1c2e9b1e8a0012345678',
      version: 3,
      status: 'approved',
      from: { leaveTypeId: 't1', daysByYear: [{ year: 2026, days: 5 }] },
      to: { leaveTypeId: 't1', daysByYear: [{ year: 2026, days: 3 }] },
      reason: 'Back early',
      by: 'u1',
    });
    expect(entries).toEqual([
      expect.objectContaining({
        key: 'amend:r1:3:t1:2026',
        kind: 'usage_release',
        days: 2,
        reason: 'Back early',
      }),
    ]);
  });

  it('when a pending request changes type then the old type is released and the new one held', () => {
    const entries = correctionEntries({
      requestId: 'r1',
      employeeId: '665f1c2e9b1e8a0012345678',
      version: 1,
      status: 'pending',
      from: { leaveTypeId: 'old', daysByYear: [{ year: 2026, days: 2 }] },
      to: { leaveTypeId: 'new', daysByYear: [{ year: 2026, days: 2.5 }] },
      reason: 'Edited',
      by: 'u1',
    });
    expect(entries.map((e) => [e.leaveTypeId, e.kind, e.days])).toEqual([
      ['old', 'hold_release', 2],
      ['new', 'hold', -2.5],
    ]);
  });
});
