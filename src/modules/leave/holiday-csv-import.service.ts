import mongoose from 'mongoose';
import type { CsvRow, CsvValues } from '../../http/shape/csv-rows';
import { readCsvRows, repeatedKeys } from '../../http/shape/csv-rows';
import type { ImportReport } from '../../http/shape/imports';
import { yearOf } from '../../lib/dates';
import { BusinessRuleError } from '../../lib/errors';
import type { Announcement } from '../audit';
import { recordAuditMany, recordThenAnnounce } from '../audit';
import { assertDatesOpen } from '../periods';
import { DEFAULT_HOLIDAY_CALENDAR, Holiday } from './holiday.model';
import { HolidayImportRow } from './holiday-import.schemas';

/**
 * A holiday calendar as CSV (`date,name,calendar`). Every row is checked first; nothing is written
 * on a dry run or when any row is refused. The write is one upsert per holiday keyed by calendar and
 * date (the unique index), so a retry after a crash writes the same holidays again and converges.
 */
type Row = CsvRow<CsvValues<(typeof HolidayImportRow)['shape']>>;

interface Planned {
  row: number;
  calendar: string;
  date: string;
  name: string;
  before?: string;
}

const keyOf = (calendar: string, date: string) => `${calendar}|${date}`;
const calendarOf = (row: Row) => row.values.calendar ?? DEFAULT_HOLIDAY_CALENDAR;

export async function importHolidayCsv(text: string, dryRun: boolean): Promise<ImportReport> {
  const parsed = readCsvRows(text, HolidayImportRow);
  const repeated = repeatedKeys(
    parsed.rows,
    (v) => (v.date ? keyOf(v.calendar ?? DEFAULT_HOLIDAY_CALENDAR, v.date) : undefined),
    'date',
  );
  if (repeated.length > 0) {
    throw new BusinessRuleError('The file lists the same calendar and date more than once', {
      errors: repeated,
    });
  }
  const dates = [...new Set(parsed.rows.map((r) => r.values.date ?? ''))];
  const existing = await Holiday.find(
    { date: mongoose.trusted({ $in: dates }) },
    { calendar: 1, date: 1, name: 1 },
  ).lean();
  const stored = new Map(existing.map((h) => [keyOf(h.calendar, h.date), h.name]));
  const planned: Planned[] = parsed.rows.map((r) => ({
    row: r.row,
    calendar: calendarOf(r),
    date: r.values.date ?? '',
    name: r.values.name ?? '',
    before: stored.get(keyOf(calendarOf(r), r.values.date ?? '')),
  }));
  const created = planned.filter((p) => p.before === undefined);
  const updated = planned.filter((p) => p.before !== undefined && p.before !== p.name);
  const report: ImportReport = {
    dryRun,
    rows: parsed.total,
    created: created.length,
    updated: updated.length,
    unchanged: planned.length - created.length - updated.length,
    errors: parsed.errors,
  };
  if (parsed.errors.length > 0) return report;
  const changes = [...created, ...updated];
  // All or nothing: a new or renamed holiday inside a closed payroll period refuses the whole file.
  await assertDatesOpen(changes.map((p) => p.date));
  if (dryRun) return report;
  if (changes.length > 0) {
    await Holiday.bulkWrite(
      changes.map((p) => ({
        updateOne: {
          filter: { calendar: p.calendar, date: p.date },
          update: { $set: { name: p.name, year: yearOf(p.date) } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }
  await recordAuditMany(
    changes.map((p) => ({
      action: p.before === undefined ? 'holiday.create' : 'holiday.update',
      entityType: 'Holiday',
      before: p.before === undefined ? undefined : { calendar: p.calendar, date: p.date, name: p.before },
      after: { calendar: p.calendar, date: p.date, name: p.name },
      metadata: { source: 'csv-import', row: p.row },
    })),
  );
  await recordThenAnnounce(
    { action: 'holiday.csv_import', entityType: 'Holiday', metadata: { ...report, errors: undefined } },
    ...[...new Set(changes.map((p) => p.date))].map((date): Announcement => ['holiday.changed', { date }]),
  );
  return report;
}
