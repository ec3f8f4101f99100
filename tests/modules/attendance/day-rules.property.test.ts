import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addDays } from '../../../src/lib/dates';
import {
  businessDateExact,
  businessDateOf,
  shiftWindow,
  summarizeDay,
} from '../../../src/modules/attendance/day-rules';
import type { PairingRules } from '../../../src/modules/attendance/punch-pairing';
import { planPairing } from '../../../src/modules/attendance/punch-pairing';

/**
 * Properties of the one day rule over shift starts (00:00-23:59), lengths (1-16 h), every IANA
 * zone the runtime knows and dates that include each zone's clock changes.
 */

const ZONES = Intl.supportedValuesOf('timeZone');
const RUNS = { numRuns: 1000 };
const HOUR = 3600_000;

const transitions = new Map<string, string[]>();
/** The dates in 2026 on which the zone's offset changes (empty for zones without DST). */
function changeDates(zone: string): string[] {
  let dates = transitions.get(zone);
  if (!dates) {
    dates = [];
    // Weekly samples, then day by day inside a week whose offset changed.
    let week = DateTime.fromISO('2026-01-01', { zone });
    for (let w = 0; w < 53; w++) {
      const nextWeek = week.plus({ days: 7 });
      if (nextWeek.offset !== week.offset) {
        for (let day = week; day < nextWeek; day = day.plus({ days: 1 })) {
          if (day.plus({ days: 1 }).offset !== day.offset) dates.push(day.toISODate() ?? '');
        }
      }
      week = nextWeek;
    }
    transitions.set(zone, dates);
  }
  return dates;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A shift (start, length), a zone, and a date: half of them on or next to a clock change. */
const shiftCase = fc
  .record({
    start: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    length: fc.integer({ min: 60, max: 16 * 60 }),
    zone: fc.constantFrom(...ZONES),
    dayOfYear: fc.integer({ min: 0, max: 364 }),
    nearChange: fc.boolean(),
    around: fc.integer({ min: -1, max: 1 }),
  })
  .map(({ start, length, zone, dayOfYear, nearChange, around }) => {
    const changes = changeDates(zone);
    const date =
      nearChange && changes.length > 0
        ? addDays(changes[dayOfYear % changes.length] ?? '2026-01-01', around)
        : addDays('2026-01-01', dayOfYear);
    const schedule = {
      start: hhmm(start),
      end: hhmm((start + length) % (24 * 60)),
      graceMinutes: 0,
      breakMinutes: 0,
    };
    return { zone, date, schedule, window: shiftWindow(date, zone, schedule) };
  });

function rules(c: { zone: string; schedule: PairingRules['schedule'] }): PairingRules {
  return {
    zone: c.zone,
    schedule: c.schedule,
    workWeek: [1, 2, 3, 4, 5, 6, 7],
    maxSessionMs: 16 * HOUR,
    debounceMs: 60_000,
    now: new Date('2027-06-01T00:00:00Z'),
  };
}

describe('the working day of a punch (property-based)', () => {
  it('when the day is remembered per quarter hour then it is the day worked out from the shifts, at every instant from a day before a shift to a day after', () => {
    fc.assert(
      fc.property(
        shiftCase,
        fc.integer({ min: -24 * 60, max: 48 * 60 }),
        fc.integer({ min: 0, max: 59_999 }),
        (c, minute, ms) => {
          const at = new Date(c.window.start.getTime() + minute * 60_000 + ms);
          expect(businessDateOf(at, c.zone, c.schedule)).toBe(businessDateExact(at, c.zone, c.schedule));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('when a punch falls anywhere inside a scheduled shift then it belongs to the date the shift starts', () => {
    fc.assert(
      fc.property(shiftCase, fc.double({ min: 0, max: 1, noNaN: true }), (c, fraction) => {
        const start = c.window.start.getTime();
        const at = new Date(start + Math.floor(fraction * (c.window.end.getTime() - start)));
        expect(businessDateOf(at, c.zone, c.schedule)).toBe(c.date);
      }),
      RUNS,
    );
  });

  it('when someone checks in up to an hour early and out up to three hours late then the session is that day, counted in full', () => {
    fc.assert(
      fc.property(
        shiftCase,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 180 }),
        (c, early, late) => {
          const shiftMs = c.window.end.getTime() - c.window.start.getTime();
          fc.pre(shiftMs + (early + late) * 60_000 <= 16 * HOUR); // longer is a missing check-out
          const checkIn = new Date(c.window.start.getTime() - early * 60_000);
          const checkOut = new Date(c.window.end.getTime() + late * 60_000);
          const { placements, exceptions } = planPairing(
            [
              { id: 'in', at: checkIn, direction: 'unknown' },
              { id: 'out', at: checkOut, direction: 'unknown' },
            ],
            rules(c),
          );
          expect(placements).toEqual([
            { id: 'in', businessDate: c.date, pairing: 'in' },
            { id: 'out', businessDate: c.date, pairing: 'out' },
          ]);
          expect(exceptions.filter((e) => e.kind !== 'outside_shift')).toEqual([]);
          const facts = [
            { at: checkIn, direction: 'unknown' as const, pairing: 'in' as const },
            { at: checkOut, direction: 'unknown' as const, pairing: 'out' as const },
          ];
          const worked = summarizeDay(facts, c.window, c.schedule, 1, 16 * HOUR).workedMinutes;
          expect(worked).toBe(Math.round((checkOut.getTime() - checkIn.getTime()) / 60_000));
        },
      ),
      RUNS,
    );
  });

  it('when a session of up to 16 h starts at any time, scheduled or not, then its check-out belongs to the day it started', () => {
    fc.assert(
      fc.property(
        shiftCase,
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.integer({ min: 1, max: 16 * 60 }),
        (c, startMinute, minutes) => {
          const checkIn = new Date(c.window.start.getTime() + startMinute * 60_000);
          const checkOut = new Date(checkIn.getTime() + minutes * 60_000);
          const { placements } = planPairing(
            [
              { id: 'in', at: checkIn, direction: 'in' },
              { id: 'out', at: checkOut, direction: 'out' },
            ],
            rules(c),
          );
          const day = businessDateOf(checkIn, c.zone, c.schedule);
          expect(placements.map((p) => p.businessDate)).toEqual([day, day]);
        },
      ),
      RUNS,
    );
  });

  it('when a check-in stays open longer than 16 h then it is a missing check-out and the late punch starts afresh', () => {
    fc.assert(
      fc.property(shiftCase, fc.integer({ min: 16 * 60 + 1, max: 40 * 60 }), (c, minutes) => {
        const checkIn = c.window.start;
        const later = new Date(checkIn.getTime() + minutes * 60_000);
        const { placements, exceptions } = planPairing(
          [
            { id: 'in', at: checkIn, direction: 'unknown' },
            { id: 'late', at: later, direction: 'unknown' },
          ],
          rules(c),
        );
        expect(exceptions).toContainEqual(
          expect.objectContaining({ kind: 'missing_check_out', punchId: 'in', date: c.date }),
        );
        expect(placements[1]).toMatchObject({ pairing: 'in' });
        const facts = [
          { at: checkIn, direction: 'in' as const },
          { at: later, direction: 'out' as const },
        ];
        const day = summarizeDay(facts, c.window, c.schedule, 1, 16 * HOUR);
        expect(day).toMatchObject({ workedMinutes: 0, missingCheckOut: true });
      }),
      RUNS,
    );
  });

  it('when two punches come less than the debounce apart with the same or no direction then the second is kept but not counted', () => {
    const direction = fc.constantFrom('in' as const, 'out' as const, 'unknown' as const);
    fc.assert(
      fc.property(
        shiftCase,
        fc.integer({ min: 0, max: 59_999 }),
        direction,
        direction,
        (c, gapMs, first, second) => {
          const at = c.window.start;
          const { placements, exceptions } = planPairing(
            [
              { id: 'a', at, direction: first },
              { id: 'b', at: new Date(at.getTime() + gapMs), direction: second },
            ],
            rules(c),
          );
          const tap = first === second || first === 'unknown' || second === 'unknown';
          expect(placements[1]?.ignored).toBe(tap ? 'double_tap' : undefined);
          expect(placements[1]?.businessDate).toBe(placements[0]?.businessDate);
          expect(exceptions.some((e) => e.kind === 'double_tap' && e.punchId === 'b')).toBe(tap);
        },
      ),
      RUNS,
    );
  });
});
