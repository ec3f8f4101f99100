import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

/** The company-wide calendar; regional calendars add their holidays on top of it. */
export const DEFAULT_HOLIDAY_CALENDAR = 'default';

const holidaySchema = new Schema(
  {
    date: { type: String, required: true },
    name: { type: String, required: true, trim: true },
    calendar: { type: String, required: true, trim: true, default: DEFAULT_HOLIDAY_CALENDAR },
    /** Stored at write time so `?year=` is an index lookup. */
    year: { type: Number, required: true },
  },
  { timestamps: true, versionKey: false },
);

holidaySchema.index({ calendar: 1, date: 1 }, { unique: true });
holidaySchema.index({ year: 1, calendar: 1 });
holidaySchema.index({ date: 1 });

export type HolidayRecord = InferSchemaType<typeof holidaySchema>;
export const Holiday = model('Holiday', holidaySchema);
