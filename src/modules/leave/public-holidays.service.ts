import Holidays from 'date-holidays';
import mongoose from 'mongoose';
import { duplicateIndexes, isOnlyDuplicateKeys } from '../../db/duplicate-key';
import { BusinessRuleError } from '../../lib/errors';
import type { Announcement } from '../audit';
import { recordThenAnnounce } from '../audit';
import { assertDatesOpen } from '../periods';
import { Holiday } from './holiday.model';
import type { PublicHolidayImport } from './holiday-import.schemas';

/**
 * A country's (and region's) public holidays for a year, from date-holidays, into one holiday
 * calendar. Holidays the calendar already has on a date are kept as they are (an admin may have
 * renamed them) and counted as skipped, so running the import again adds nothing.
 */
interface PublicHoliday {
  date: string;
  name: string;
}

function knownRegions(country: string): Record<string, string> {
  return new Holidays().getStates(country) ?? {};
}

/** The public holidays (substitute days included), one per date, named in English where known. */
export function publicHolidaysOf(country: string, region: string | undefined, year: number): PublicHoliday[] {
  const countries = new Holidays().getCountries() as Record<string, string>;
  if (!countries[country]) {
    throw new BusinessRuleError(`No public holidays are known for country ${country}`, {
      errors: [
        { field: 'country', message: 'is not a country the holiday library knows (ISO 3166-1 alpha-2)' },
      ],
    });
  }
  if (region && !knownRegions(country)[region]) {
    const regions = Object.keys(knownRegions(country));
    throw new BusinessRuleError(`No region ${region} in ${country}`, {
      errors: [
        {
          field: 'region',
          message: regions.length > 0 ? `must be one of ${regions.join(', ')}` : `${country} has no regions`,
        },
      ],
    });
  }
  const options = { languages: ['en'] };
  const library = region ? new Holidays(country, region, options) : new Holidays(country, options);
  const byDate = new Map<string, string[]>();
  for (const holiday of library.getHolidays(year)) {
    if (holiday.type !== 'public') continue;
    const date = holiday.date.slice(0, 10);
    byDate.set(date, [...(byDate.get(date) ?? []), holiday.name]);
  }
  return [...byDate].map(([date, names]) => ({ date, name: names.join(' / ').slice(0, 100) }));
}

export async function importPublicHolidays(
  input: PublicHolidayImport,
): Promise<{ created: number; skipped: number; holidays: PublicHoliday[] }> {
  const holidays = publicHolidaysOf(input.country, input.region, input.year);
  const existing = await Holiday.find(
    { calendar: input.calendar, date: mongoose.trusted({ $in: holidays.map((h) => h.date) }) },
    { date: 1 },
  ).lean();
  const taken = new Set(existing.map((h) => h.date));
  const missing = holidays.filter((h) => !taken.has(h.date));
  // A new holiday inside a closed payroll period refuses the import: nothing is added.
  await assertDatesOpen(missing.map((h) => h.date));
  let skippedByRace = new Set<number>();
  try {
    if (missing.length > 0) {
      await Holiday.insertMany(
        missing.map((h) => ({ ...h, calendar: input.calendar, year: input.year })),
        { ordered: false },
      );
    }
  } catch (err) {
    // Another import of the same calendar at the same moment: its holidays count as already there.
    if (!isOnlyDuplicateKeys(err)) throw err;
    skippedByRace = duplicateIndexes(err);
  }
  const created = missing.filter((_, i) => !skippedByRace.has(i));
  // The recount of leave and attendance (working-time issue) follows each changed date.
  await recordThenAnnounce(
    {
      action: 'holiday.import',
      entityType: 'Holiday',
      metadata: { ...input, created: created.map((h) => h.date), skipped: holidays.length - created.length },
    },
    ...created.map((holiday): Announcement => ['holiday.changed', { date: holiday.date }]),
  );
  return { created: created.length, skipped: holidays.length - created.length, holidays: created };
}
