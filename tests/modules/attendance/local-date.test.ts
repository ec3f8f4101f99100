import { localDateOf } from '../../../src/modules/attendance/day-rules';

/** The date as Intl formats it for the zone: what localDateOf must always agree with. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function formattedDate(t: number, zone: string): string {
  let format = dateFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(zone, format);
  }
  const parts = format.formatToParts(new Date(t));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** A small deterministic generator, so a failure names a case that comes back on the next run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Zones with midnight changes, half and quarter hour offsets, a skipped day and a 30-minute DST. */
const AWKWARD_ZONES = [
  'America/Havana',
  'Asia/Beirut',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'America/Santiago',
  'Africa/Casablanca',
  'America/St_Johns',
  'Pacific/Apia',
  'Antarctica/Troll',
  'Europe/Dublin',
  'America/New_York',
];

/** Instants at which the zone's date or offset changes in 2011-2027, found to the minute. */
function changesOf(zone: string): number[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const offsetKey = (t: number) =>
    format.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value;
  const changes: number[] = [];
  for (let t = Date.UTC(2011, 0, 1); t < Date.UTC(2027, 11, 31); t += DAY) {
    if (offsetKey(t) === offsetKey(t + DAY)) continue;
    let [low, high] = [t, t + DAY];
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 2 / 60_000) * 60_000;
      if (offsetKey(mid) === offsetKey(low)) low = mid;
      else high = mid;
    }
    changes.push(high);
  }
  return changes;
}

describe('the local date of an instant', () => {
  it('when the year is before 1000 or the zone is ahead of UTC then the date is ISO with four year digits', () => {
    expect(localDateOf(new Date('0308-02-22T10:00:00Z'), 'UTC')).toBe('0308-02-22');
    expect(localDateOf(new Date('2026-11-23T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-24');
  });

  it('when instants fall anywhere in 1900-2100 in every zone then the date is the one Intl formats', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    const random = seeded(23);
    const from = Date.UTC(1900, 0, 1);
    const span = Date.UTC(2100, 0, 1) - from;
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const zone = zones[Math.floor(random() * zones.length)] ?? 'UTC';
      const t = from + Math.floor(random() * span);
      const date = localDateOf(new Date(t), zone);
      if (date !== formattedDate(t, zone)) mismatches.push(`${zone} ${t} ${date}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('when instants fall minute by minute around offset changes then the date is the one Intl formats', () => {
    let checked = 0;
    const mismatches: string[] = [];
    for (const zone of AWKWARD_ZONES) {
      for (const change of changesOf(zone)) {
        for (let t = change - 90 * 60_000; t <= change + 90 * 60_000; t += 60_000 + 7_001) {
          const date = localDateOf(new Date(t), zone);
          if (date !== formattedDate(t, zone)) mismatches.push(`${zone} ${t} ${date}`);
          checked++;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every zone above changes its offset in these years (Apia skipped a whole day in 2011).
    expect(checked).toBeGreaterThan(AWKWARD_ZONES.length * 100);
    expect(checked).toBeLessThan(AWKWARD_ZONES.length * 40 * 170);
  });

  it('when a day is skipped (Apia, 30 December 2011) then no instant lands on it', () => {
    const start = Date.UTC(2011, 11, 29, 0, 0);
    const dates = new Set<string>();
    for (let t = start; t < start + 3 * DAY; t += 15 * 60_000)
      dates.add(localDateOf(new Date(t), 'Pacific/Apia'));
    expect(dates.has('2011-12-29')).toBe(true);
    expect(dates.has('2011-12-30')).toBe(false);
    expect(dates.has('2011-12-31')).toBe(true);
  });
});
