import { Schema, model } from 'mongoose';
import { tryGetConfig } from '../../config';

/** A line a device pushed that could not be used (unparseable, unknown PIN): kept for review. */
const rawDeviceLineSchema = new Schema(
  {
    deviceId: { type: Schema.Types.ObjectId, ref: 'Device', required: true },
    table: { type: String, required: true },
    line: { type: String, required: true },
    reason: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

rawDeviceLineSchema.index({ deviceId: 1, at: -1 });
// Kept for review RAW_DEVICE_LINES_DAYS, then deleted by MongoDB (a TTL index).
rawDeviceLineSchema.index(
  { at: 1 },
  { expireAfterSeconds: (tryGetConfig()?.RAW_DEVICE_LINES_DAYS ?? 90) * 86_400, name: 'raw_lines_retention' },
);

export const RawDeviceLine = model('RawDeviceLine', rawDeviceLineSchema);
