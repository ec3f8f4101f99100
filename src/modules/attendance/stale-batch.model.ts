import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

/**
 * The employee-days one device batch touched, as one document: ingest writes it in place of a
 * marker per day (a batch of 500 events marks about 250 days), and the first read or worker pass
 * after it turns it into per-day markers (staledays) before anything else, so both see every day
 * it names. It is removed only after its days are marked, so a day is always findable in one or
 * the other.
 */
const staleBatchSchema = new Schema(
  {
    days: {
      type: [{ _id: false, employeeId: { type: Schema.Types.ObjectId, required: true }, date: String }],
      required: true,
    },
    markedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

staleBatchSchema.index({ markedAt: 1 });

export type StaleBatchRecord = InferSchemaType<typeof staleBatchSchema>;
export const StaleBatch = model('StaleBatch', staleBatchSchema);
