import type { RequestFacts } from '../../../src/modules/leave/statement-descriptions';
import {
  describeEntry,
  formatAmount,
  formatDays,
  formatLeaveDates,
} from '../../../src/modules/leave/statement-descriptions';
import type { StatementEntry } from '../../../src/modules/leave/statement-lines';
import { buildLines, closingOf, entriesAsOf, lineDate } from '../../../src/modules/leave/statement-lines';

const R = '665f1c2e9b1e8a00123456aa';
const facts = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  id: R,
  startDate: '2026-03-03',
  endDate: '2026-03-05',
  status: 'approved',
  decided: true,
  recounts: new Map(),
  ...over,
});
const ctx = (requests: RequestFacts[] = [facts()]) => ({
  year: 2026,
  typeName: 'Annual leave',
  carryOverMax: 5,
  expiryDate: '2026-03-31',
  hireDate: '2019-05-02',
  requests: new Map(requests.map((r) => [r.id, r])),
});
const dating = { year: 2026, zone: 'UTC', expiryDate: '2026-03-31' };
const entry = (
  over: Partial<StatementEntry> & Pick<StatementEntry, 'key' | 'kind' | 'days'>,
): StatementEntry => ({
  source: 'ledger',
  at: new Date('2026-02-10T12:00:00Z'),
  ...over,
});
const describe1 = (e: StatementEntry, date = lineDate(e, dating), c = ctx()) =>
  describeEntry({ ...e, date, projected: e.source === 'projected' }, c);

describe('statement descriptions (pure)', () => {
  it('when days are written then they carry one decimal, two when needed, and a sign where asked', () => {
    expect([formatDays(2), formatDays(-3), formatDays(0.5), formatDays(11.666)]).toEqual([
      '+2.0',
      '-3.0',
      '+0.5',
      '+11.67',
    ]);
    expect(formatAmount(-2.25)).toBe('2.25');
  });

  it('when a request has dates then they read short, naming the year only outside the statement year', () => {
    expect(formatLeaveDates({ startDate: '2026-03-03', endDate: '2026-03-05' }, 2026)).toBe('3-5 March');
    expect(formatLeaveDates({ startDate: '2026-03-30', endDate: '2026-04-02' }, 2026)).toBe(
      '30 March - 2 April',
    );
    expect(formatLeaveDates({ startDate: '2026-12-30', endDate: '2027-01-02' }, 2027)).toBe(
      '30 December 2026 - 2 January 2027',
    );
    expect(
      formatLeaveDates({ startDate: '2026-03-03', endDate: '2026-03-03', halfDayStart: true }, 2026),
    ).toBe('3 March (half day)');
    expect(formatLeaveDates({ startDate: '2026-03-03', endDate: '2026-03-04', halfDayEnd: true }, 2026)).toBe(
      '3-4 March (half last day)',
    );
  });

  it('when each ledger kind is described then it reads as a sentence a person understands', () => {
    expect(describe1(entry({ key: 'accrual:e:t:2026-03', kind: 'accrual', days: 2 }))).toBe(
      'Accrual for March 2026: +2.0',
    );
    expect(
      describe1(entry({ key: 'accrual:e:t:2026-12', kind: 'accrual', days: 2, source: 'projected' })),
    ).toBe('Accrual for December 2026 (projected): +2.0');
    expect(describe1(entry({ key: 'accrual:e:t:2026', kind: 'accrual', days: 20 }))).toBe(
      'Entitlement for 2026: +20.0',
    );
    expect(describe1(entry({ key: 'carry_over:e:t:2026', kind: 'carry_over', days: 5 }))).toBe(
      'Carried over from 2025 (cap 5): +5.0',
    );
    expect(describe1(entry({ key: 'carry_over_expiry:e:t:2026', kind: 'carry_over_expiry', days: -2 }))).toBe(
      '2.0 carried days lapsed on 2026-04-01',
    );
    const correction = entry({
      key: 'carry_over_expiry:e:t:2026:1',
      kind: 'carry_over_expiry',
      days: 1,
      at: new Date('2026-04-05T09:00:00Z'),
    });
    expect(describe1(correction)).toBe(
      '1.0 lapsed carried days restored on 2026-04-05 after a change to leave on or before 2026-03-31',
    );
    expect(describe1(entry({ key: 'adjustment:u', kind: 'adjustment', days: 1, reason: 'On-call' }))).toBe(
      'Adjustment by an admin: +1.0 - On-call',
    );
    expect(describe1(entry({ key: `usage:${R}:2026`, kind: 'usage', days: -3, requestId: R }))).toBe(
      `Annual leave 3-5 March (request ${R}): -3.0`,
    );
    expect(describe1(entry({ key: `hold:${R}:2026`, kind: 'hold', days: -3, requestId: R }))).toBe(
      `Annual leave 3-5 March, awaiting approval (request ${R}): -3.0`,
    );
    expect(
      describe1(entry({ key: `hold_release:${R}:2026`, kind: 'hold_release', days: 3, requestId: R })),
    ).toBe(`Annual leave 3-5 March approved, held days released (request ${R}): +3.0`);
    expect(
      describe1(entry({ key: `usage_release:${R}:2026`, kind: 'usage_release', days: 3, requestId: R })),
    ).toBe(`Annual leave 3-5 March cancelled (request ${R}): +3.0`);
  });

  it('when a hold is released then the sentence says whether it was approved, rejected or cancelled', () => {
    const release = entry({ key: `hold_release:${R}:2026`, kind: 'hold_release', days: 3, requestId: R });
    const say = (f: Partial<RequestFacts>) => describe1(release, '2026-02-10', ctx([facts(f)]));
    expect(say({ status: 'rejected' })).toContain('rejected, held days released');
    expect(say({ status: 'cancelled', decided: false })).toContain('cancelled, held days released');
    expect(say({ status: 'cancelled', decided: true })).toContain('approved, held days released');
  });

  it('when a request was recounted then the line says from what to what and why', () => {
    const recounted = ctx([facts({ recounts: new Map([[1, { previousDays: 5, days: 4 }]]) })]);
    const e = entry({
      key: `recount:${R}:1:2026`,
      kind: 'usage_release',
      days: 1,
      requestId: R,
      reason: 'Holiday added, moved or removed on 2026-03-04',
    });
    expect(describe1(e, '2026-02-20', recounted)).toBe(
      `Annual leave 3-5 March recounted from 5 to 4 days (request ${R}): +1.0 - Holiday added, moved or removed on 2026-03-04`,
    );
  });

  it('when leave was amended then the lines say so: applied at once, held while waiting, released when decided', () => {
    const at = (key: string, kind: 'usage_release' | 'hold' | 'hold_release', days: number) =>
      describe1(entry({ key, kind, days, requestId: R, reason: 'Shortened' }));
    expect(at(`amend:${R}:1:T:2026`, 'usage_release', 1)).toBe(
      `Annual leave 3-5 March amended (request ${R}): +1.0 - Shortened`,
    );
    expect(at(`amend-hold:${R}:2:2026`, 'hold', -2)).toBe(
      `Annual leave 3-5 March, amendment awaiting approval (request ${R}): -2.0 - Shortened`,
    );
    expect(at(`amend-hold_release:${R}:2:2026`, 'hold_release', 2)).toBe(
      `Annual leave 3-5 March, amendment decided, held days released (request ${R}): +2.0`,
    );
  });

  it('when a key has a shape this code does not know then the line still names the request and the days', () => {
    const e = entry({
      key: `newer:${R}:1:2026`,
      kind: 'usage_release',
      days: 1,
      requestId: R,
      reason: 'Shortened',
    });
    expect(describe1(e)).toBe(`Annual leave 3-5 March changed (request ${R}): +1.0 - Shortened`);
  });
});

describe('statement lines (pure)', () => {
  const lines = [
    entry({ key: 'adjustment:a', kind: 'adjustment', days: 1, at: new Date('2026-03-20T08:00:00Z') }),
    entry({ key: 'accrual:e:t:2026-02', kind: 'accrual', days: 2, source: 'due', at: undefined }),
    entry({ key: 'carry_over:e:t:2026', kind: 'carry_over', days: 5, at: new Date('2026-01-03T08:00:00Z') }),
    entry({ key: 'accrual:e:t:2026-01', kind: 'accrual', days: 2 }),
    entry({
      key: `hold:${R}:2026`,
      kind: 'hold',
      days: -3,
      requestId: R,
      at: new Date('2026-02-01T10:00:00Z'),
    }),
  ];

  it('when lines are built then they are in date order, accruals first on a day, with the running balance', () => {
    const built = buildLines(lines, dating, ctx());
    expect(built.map((l) => [l.date, l.kind, l.balance])).toEqual([
      ['2026-01-01', 'accrual', 2],
      ['2026-01-01', 'carry_over', 7],
      ['2026-02-01', 'accrual', 9],
      ['2026-02-01', 'hold', 6],
      ['2026-03-20', 'adjustment', 7],
    ]);
    // Through JSON, as the API answers (an empty sum is -0 in JavaScript).
    expect(JSON.parse(JSON.stringify(closingOf(lines)))).toEqual({
      entitled: 4,
      carriedOver: 5,
      adjustments: 1,
      used: 0,
      pending: 3,
      available: 7,
    });
  });

  it('when a written entry is dated in another time zone then its date is the day there', () => {
    const late = entry({
      key: 'adjustment:z',
      kind: 'adjustment',
      days: 1,
      at: new Date('2026-03-20T23:30:00Z'),
    });
    expect(lineDate(late, { ...dating, zone: 'Europe/Berlin' })).toBe('2026-03-21');
    expect(lineDate(late, dating)).toBe('2026-03-20');
  });

  it('when asOf is in the past then only stored entries that counted by then are kept; today or later keeps all', () => {
    const keys = (asOf: string) => entriesAsOf(lines, dating, asOf, '2026-04-15').map((e) => e.key);
    expect(keys('2026-01-31')).toEqual(['accrual:e:t:2026-02', 'carry_over:e:t:2026', 'accrual:e:t:2026-01']);
    expect(keys('2026-04-15')).toHaveLength(5);
    // Written "after" today (a clock set back) still counts today: the ledger as it is now.
    const future = entry({ key: 'adjustment:f', kind: 'adjustment', days: 1, at: new Date('2026-09-01') });
    expect(entriesAsOf([future], dating, '2026-04-15', '2026-04-15')).toHaveLength(1);
  });

  it('when the entitlement is yearly then it counts from 1 January of the year before (bookable in advance)', () => {
    const yearly = entry({ key: 'accrual:e:t:2027', kind: 'accrual', days: 20 });
    const d2027 = { ...dating, year: 2027 };
    expect(lineDate(yearly, d2027)).toBe('2027-01-01');
    expect(entriesAsOf([yearly], d2027, '2026-06-01', '2026-07-01')).toHaveLength(1);
    expect(entriesAsOf([yearly], d2027, '2025-12-31', '2026-07-01')).toHaveLength(0);
  });
});
