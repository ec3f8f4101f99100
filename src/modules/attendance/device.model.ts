import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

/**
 * A biometric terminal. Its API key is shown once at registration; only the key id (for lookup)
 * and a SHA-256 of the secret part are stored. ZKTeco devices identify by serial number instead.
 */
const deviceSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    location: { type: String, trim: true },
    serialNumber: { type: String, trim: true },
    timezone: { type: String },
    /** Normalised CIDR ranges the device may send from; none: any address (see ip-ranges.ts). */
    allowedIps: { type: [String], default: undefined },
    keyId: { type: String, required: true },
    secretHash: { type: String, required: true, select: false },
    active: { type: Boolean, required: true, default: true },
    revokedAt: { type: Date },
    lastSeenAt: { type: Date },
  },
  { timestamps: true, versionKey: false },
);

deviceSchema.index({ keyId: 1 }, { unique: true });
deviceSchema.index({ serialNumber: 1 }, { unique: true, sparse: true });

export type DeviceRecord = InferSchemaType<typeof deviceSchema>;
export const Device = model('Device', deviceSchema);

/** A device as its key or serial number authenticates it. */
export interface AuthenticatedDevice {
  id: string;
  name: string;
  timezone: string;
  /** Where it may send from; empty: anywhere. */
  allowedIps: string[];
}
