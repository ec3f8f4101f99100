import { Types } from 'mongoose';
import { recountEntries } from '../../../src/modules/leave/leave-recount.service';
import type { LeaveRequestRecord } from '../../../src/modules/leave/leave-request.model';

const request = {
  _id: new Types.ObjectId(),
  employeeId: new Types.ObjectId(),
  leaveTypeId: new Types.ObjectId(),
} as unknown as LeaveRequestRecord & { _id: Types.ObjectId };

const recount = (status: 'pending' | 'approved', previous: number[], now: number[]) => ({
  revision: 2,
  days: now.reduce((a, b) => a + b, 0),
  daysByYear: now.map((days, i) => ({ year: 2026 + i, days })),
  previousDays: previous.reduce((a, b) => a + b, 0),
  previousDaysByYear: previous.map((days, i) => ({ year: 2026 + i, days })),
  reason: 'Holiday added, moved or removed on 2026-12-31',
  status,
  at: new Date(),
});

describe('recountEntries (pure)', () => {
  it('when approved leave costs less in one year then that year gets a usage release, keyed by revision', () => {
    const [entry, ...rest] = recountEntries('r1', request, recount('approved', [3, 2], [2, 2]), 'system');
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ key: 'recount:r1:2:2026', kind: 'usage_release', days: 1, year: 2026 });
  });

  it('when pending leave costs more then the extra is held; a year that drops out is released', () => {
    const entries = recountEntries('r1', request, recount('pending', [1, 1], [2.5]), 'system');
    expect(entries.map((e) => [e.year, e.kind, e.days])).toEqual([
      [2026, 'hold', -1.5],
      [2027, 'hold_release', 1],
    ]);
  });
});
