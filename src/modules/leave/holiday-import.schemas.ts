import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';
import { calendarName } from './leave-types.schemas';

/** Shapes of the holiday imports: public holidays from a library, and a holiday calendar as CSV. */

export const PublicHolidayImportBody = s
  .object({
    calendar: calendarName().example('DE-BY'),
    country: s
      .string({
        min: 2,
        max: 2,
        pattern: '^[A-Z]{2}$',
        hint: 'must be an ISO 3166-1 alpha-2 code such as DE',
      })
      .example('DE'),
    region: s
      .string({ max: 10, pattern: '^[A-Z0-9]{1,10}$', hint: 'must be a region code such as BY' })
      .optional()
      .describe('ISO 3166-2 subdivision without the country, e.g. BY for Bavaria, BE for Berlin')
      .example('BY'),
    year: s.int({ min: 2000, max: 2100 }).example(2027),
  })
  .named('PublicHolidayImport');
export type PublicHolidayImport = Infer<typeof PublicHolidayImportBody>;

export const PublicHolidayImportResult = s
  .object({
    created: s.int({ min: 0 }),
    skipped: s.int({ min: 0 }).describe('Dates the calendar already had a holiday on (kept as they are)'),
    holidays: s.array(s.object({ date: s.date(), name: s.str() }), { max: 366 }).describe('The created ones'),
  })
  .named('PublicHolidayImportResult');

export const HolidayImportRow = s.object({
  date: s.date().describe('YYYY-MM-DD'),
  name: s.text({ max: 100 }),
  calendar: calendarName().optional().describe('Default: "default" (company-wide)'),
});

export const HOLIDAY_CSV_EXAMPLE = `date,name,calendar
2027-01-01,New Year's Day,default
2027-01-06,Epiphany,DE-BY
2027-12-25,Christmas Day,default
`;
