import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

export const PUNCH_DIRECTIONS = ['in', 'out', 'unknown'] as const;
export const PUNCH_SOURCES = ['web', 'manual', 'device', 'iclock'] as const;
export type PunchDirection = (typeof PUNCH_DIRECTIONS)[number];
export type PunchSource = (typeof PUNCH_SOURCES)[number];

/**
 * A punch is an immutable fact: who, when, which way, from where, recorded by whom. Corrections
 * add punches (source `manual`, with a reason); nothing is ever edited or deleted.
 */
const punchSchema = new Schema(
  {
    employeeId: { type: Schema.Types.ObjectId, ref: 'Employee', required: true },
    at: { type: Date, required: true },
    direction: { type: String, enum: PUNCH_DIRECTIONS, required: true },
    source: { type: String, enum: PUNCH_SOURCES, required: true },
    /** The employee's working day the punch counts towards (night shifts: the day they start). */
    businessDate: { type: String, required: true },
    deviceId: { type: Schema.Types.ObjectId, ref: 'Device' },
    eventId: { type: String },
    note: { type: String, trim: true },
    reason: { type: String, trim: true },
    recordedBy: { type: String, required: true },
    /** How pairing read the punch: its direction, or the one a direction-less punch took. */
    pairing: { type: String, enum: ['in', 'out'] },
    /** Stored but not counted, and why (a double tap). */
    ignored: { type: String, enum: ['double_tap'] },
    /** Dedup keys: `<device>:evt:<eventId>` and `<device>:<code>:<instant>` (or manual equivalents). */
    eventKey: { type: String },
    timeKey: { type: String },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

punchSchema.index({ employeeId: 1, businessDate: 1, at: 1 });
punchSchema.index({ employeeId: 1, at: -1 });
// sparse, not partialFilterExpression: the offline stand-in ignores partial filters.
punchSchema.index({ eventKey: 1 }, { unique: true, sparse: true });
punchSchema.index({ timeKey: 1 }, { unique: true, sparse: true });

export type PunchRecord = InferSchemaType<typeof punchSchema>;
export const Punch = model('Punch', punchSchema);
