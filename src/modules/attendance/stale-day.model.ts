import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

/**
 * An employee-day whose record is behind its punches: device ingest stores punches and names the
 * days they touch in one batch document (stale-batch.model.ts), which the first read or worker pass
 * turns into markers here; the stale-days worker (or the first read of such a day) recomputes it.
 * `markedAt` is renewed by every new mark, so a recompute that started before a newer punch arrived
 * deletes the marker only if nothing marked it again meanwhile.
 */
const staleDaySchema = new Schema(
  {
    employeeId: { type: Schema.Types.ObjectId, ref: 'Employee', required: true },
    date: { type: String, required: true },
    markedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

// One marker per employee-day: marking is an upsert on it, and the stand-in answers unique lookups
// from the index, so a batch marks its days without reading anything.
staleDaySchema.index({ employeeId: 1, date: 1 }, { unique: true });
staleDaySchema.index({ markedAt: 1 });

export type StaleDayRecord = InferSchemaType<typeof staleDaySchema>;
export const StaleDay = model('StaleDay', staleDaySchema);
