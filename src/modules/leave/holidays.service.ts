import type { Types } from 'mongoose';
import mongoose from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import { NotFoundError } from '../../lib/errors';
import { yearOf } from '../../lib/dates';
import type { Announcement } from '../audit';
import { recordThenAnnounce } from '../audit';
import { assertDatesOpen } from '../periods';
import type { HolidayRecord } from './holiday.model';
import { DEFAULT_HOLIDAY_CALENDAR, Holiday } from './holiday.model';
import type { HolidayCreateInput, HolidayDto, HolidayInput } from './leave-types.schemas';

export type { HolidayDto, HolidayInput } from './leave-types.schemas';

type StoredHoliday = HolidayRecord & { _id: Types.ObjectId };

function toDto(h: StoredHoliday): HolidayDto {
  return { id: h._id.toHexString(), date: h.date, name: h.name, calendar: h.calendar };
}

async function findStored(id: string): Promise<StoredHoliday> {
  const found = await findLeanById<StoredHoliday>(Holiday, id);
  if (!found) throw new NotFoundError('Holiday not found');
  return found;
}

/** The calendars that apply to an employee: the company-wide one plus their regional one. */
export function calendarsFor(holidayCalendar: string | null | undefined): string[] {
  return holidayCalendar && holidayCalendar !== DEFAULT_HOLIDAY_CALENDAR
    ? [DEFAULT_HOLIDAY_CALENDAR, holidayCalendar]
    : [DEFAULT_HOLIDAY_CALENDAR];
}

/** Holiday dates in [from, to] on the given calendars. */
export async function holidayDatesBetween(
  calendars: string[],
  from: string,
  to: string,
): Promise<Set<string>> {
  return new Set((await holidaysBetween(calendars, from, to)).map((h) => h.date));
}

/** Holidays of any of `calendars` in [from, to], with their calendar (for many employees at once). */
export async function holidaysBetween(
  calendars: string[],
  from: string,
  to: string,
): Promise<Array<{ calendar: string; date: string }>> {
  const rows = await Holiday.find(
    { calendar: mongoose.trusted({ $in: calendars }), date: mongoose.trusted({ $gte: from, $lte: to }) },
    { calendar: 1, date: 1 },
  ).lean<StoredHoliday[]>();
  return rows.map((h) => ({ calendar: h.calendar, date: h.date }));
}

export async function listHolidays(filters: { year?: number; calendar?: string }): Promise<HolidayDto[]> {
  const filter: Record<string, unknown> = {};
  if (filters.year) filter.year = filters.year;
  if (filters.calendar) filter.calendar = filters.calendar;
  const rows = await Holiday.find(filter).sort({ date: 1, calendar: 1 }).lean<StoredHoliday[]>();
  return rows.map(toDto);
}

export async function getHoliday(id: string): Promise<HolidayDto> {
  return toDto(await findStored(id));
}

/*
 * Holiday changes inside a closed payroll period are refused (409 period-closed) rather than
 * applied with their recounts skipped: the days and leave counts payroll saw stay as they were.
 */

export async function createHoliday(input: HolidayCreateInput): Promise<HolidayDto> {
  await assertDatesOpen([input.date]);
  const created = await Holiday.create({ ...input, year: yearOf(input.date) });
  const dto = toDto(created.toObject());
  await recordThenAnnounce(
    { action: 'holiday.create', entityType: 'Holiday', entityId: dto.id, after: dto },
    ['holiday.changed', { date: dto.date }],
  );
  return dto;
}

export async function updateHoliday(id: string, input: HolidayInput): Promise<HolidayDto> {
  const before = toDto(await findStored(id));
  await assertDatesOpen([before.date, ...(input.date ? [input.date] : [])]);
  const $set = { ...input, ...(input.date ? { year: yearOf(input.date) } : {}) };
  const updated = await Holiday.findByIdAndUpdate(
    id,
    { $set },
    { returnDocument: 'after' },
  ).lean<StoredHoliday>();
  if (!updated) throw new NotFoundError('Holiday not found');
  const dto = toDto(updated);
  await recordThenAnnounce(
    { action: 'holiday.update', entityType: 'Holiday', entityId: id, before, after: dto },
    ['holiday.changed', { date: before.date }],
    ...(dto.date !== before.date ? [['holiday.changed', { date: dto.date }] as Announcement] : []),
  );
  return dto;
}

export async function deleteHoliday(id: string): Promise<void> {
  const before = toDto(await findStored(id));
  await assertDatesOpen([before.date]);
  await Holiday.deleteOne({ _id: id });
  await recordThenAnnounce({ action: 'holiday.delete', entityType: 'Holiday', entityId: id, before }, [
    'holiday.changed',
    { date: before.date },
  ]);
}
