import fc from 'fast-check';
import { Types } from 'mongoose';
import { recountEntries } from '../../../src/modules/leave/leave-recount.service';
import type { LeaveRequestRecord } from '../../../src/modules/leave/leave-request.model';

const request = {
  employeeId: new Types.ObjectId(),
  leaveTypeId: new Types.ObjectId(),
} as unknown as LeaveRequestRecord & { _id: Types.ObjectId };

/** A count per leave year (a request spans at most two), in half days. */
const counts = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })).map(([a, b]) => [
  { year: 2026, days: a / 2 },
  { year: 2027, days: b / 2 },
]);

describe('recountEntries (property)', () => {
  it('when a request is recounted any number of times then its entries add up to minus its last count, per year and kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('pending' as const, 'approved' as const),
        counts,
        fc.array(counts, { maxLength: 8 }),
        (status, first, recounts) => {
          const sums = new Map<string, number>(first.map((y) => [`${y.year}`, -y.days]));
          const keys = new Set<string>();
          let previous = first;
          recounts.forEach((next, i) => {
            const entries = recountEntries(
              'r',
              request,
              {
                revision: i + 1,
                days: 0,
                daysByYear: next,
                previousDays: 0,
                previousDaysByYear: previous,
                reason: 'test',
                status,
                at: new Date(),
              },
              'system',
            );
            for (const e of entries) {
              expect(keys.has(e.key)).toBe(false);
              keys.add(e.key);
              expect(status === 'approved' ? e.kind.startsWith('usage') : e.kind.startsWith('hold')).toBe(
                true,
              );
              expect(Math.sign(e.days)).toBe(e.kind.endsWith('release') ? 1 : -1);
              sums.set(`${e.year}`, (sums.get(`${e.year}`) ?? 0) + e.days);
            }
            previous = next;
          });
          for (const y of previous) expect(sums.get(`${y.year}`)).toBeCloseTo(-y.days, 9);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
