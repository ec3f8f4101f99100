import fc from 'fast-check';
import { DateTime } from 'luxon';
import { isoInstantOf, parseDeviceTime } from '../../../src/modules/attendance/device-time';

/**
 * The field-by-field reading of device timestamps against luxon's ISO parser, over fields drawn
 * past their ranges on both sides (month 13, day 32, hour 24, second 60, offset minutes 60, years
 * below 100), so both the accepted and the refused shapes are exercised.
 */

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const timestamp = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.option(fc.integer({ min: 0, max: 60 })),
    fraction: fc.option(fc.integer({ min: 0, max: 999 }).chain((n) => fc.constantFrom(pad(n, 3), String(n)))),
    offset: fc.option(
      fc.record({
        sign: fc.constantFrom('+', '-'),
        hours: fc.integer({ min: 0, max: 24 }),
        minutes: fc.integer({ min: 0, max: 60 }),
      }),
    ),
  })
  .map((f) => {
    const seconds =
      f.second === null ? '' : `:${pad(f.second, 2)}${f.fraction === null ? '' : `.${f.fraction}`}`;
    const zone =
      f.offset === null ? 'Z' : `${f.offset.sign}${pad(f.offset.hours, 2)}:${pad(f.offset.minutes, 2)}`;
    return {
      fields: f,
      value: `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:${pad(f.minute, 2)}${seconds}${zone}`,
    };
  });

describe('device timestamps read field by field', () => {
  it('when every field is in range then the instant is the one luxon reads, else the general path is left to decide', () => {
    fc.assert(
      fc.property(timestamp, ({ fields: f, value }) => {
        const reference = DateTime.fromISO(value, { setZone: true });
        const lastDay =
          DateTime.utc(Math.max(f.year, 1), Math.min(Math.max(f.month, 1), 12)).daysInMonth ?? 0;
        const inRange =
          f.year >= 100 &&
          f.month >= 1 &&
          f.month <= 12 &&
          f.day >= 1 &&
          f.day <= lastDay &&
          f.hour <= 23 &&
          f.minute <= 59 &&
          (f.second ?? 0) <= 59 &&
          (f.offset === null || (f.offset.hours <= 23 && f.offset.minutes <= 59));
        const fast = isoInstantOf(value);
        if (!inRange) {
          expect(fast).toBeUndefined();
          return;
        }
        expect(reference.isValid).toBe(true);
        expect(fast?.getTime()).toBe(reference.toMillis());
        // And the whole parser answers the same instant, whatever the device's zone.
        expect(parseDeviceTime(value, 'Pacific/Chatham')?.getTime()).toBe(reference.toMillis());
      }),
      { numRuns: 5_000 },
    );
  });

  it('when a date does not exist then it is refused, not rolled over into the next month', () => {
    expect(parseDeviceTime('2026-02-29T08:00:00Z', 'UTC')).toBeUndefined();
    expect(parseDeviceTime('2026-04-31T08:00:00+02:00', 'UTC')).toBeUndefined();
    expect(parseDeviceTime('2028-02-29T08:00:00Z', 'UTC')?.toISOString()).toBe('2028-02-29T08:00:00.000Z');
    expect(parseDeviceTime('2100-02-29T08:00:00Z', 'UTC')).toBeUndefined();
    expect(parseDeviceTime('2000-02-29T23:30:00.5-05:30', 'UTC')?.toISOString()).toBe(
      '2000-03-01T05:00:00.500Z',
    );
  });
});
