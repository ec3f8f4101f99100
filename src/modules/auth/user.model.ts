import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';
import { ROLES } from './roles';

export const USER_STATUSES = ['active', 'disabled'] as const;

const userSchema = new Schema(
  {
    /** Stored lower-cased: uniqueness is case-insensitive. */
    email: { type: String, required: true, lowercase: true, trim: true },
    passwordHash: { type: String, required: true, select: false },
    role: { type: String, enum: ROLES, required: true },
    employeeId: { type: Schema.Types.ObjectId, ref: 'Employee' },
    status: { type: String, enum: USER_STATUSES, default: 'active', required: true },
    failedLoginCount: { type: Number, default: 0 },
    lockUntil: { type: Date },
    passwordChangedAt: { type: Date, required: true, default: () => new Date() },
    /** Embedded in access tokens; bumping it (password change, reset, disable) voids them at once. */
    sessionVersion: { type: Number, required: true, default: 0 },
    /**
     * Sessions ended by logout (the `sid` of their access tokens), each kept until the last access
     * token it could have issued has expired: the per-session counterpart of sessionVersion.
     */
    endedSessions: { type: [{ sid: String, until: Date, _id: false }], default: undefined },
    lastLoginAt: { type: Date },
  },
  { timestamps: true, versionKey: false, strict: 'throw' },
);

userSchema.index({ email: 1 }, { unique: true });
// One login per employee; users without an employee (a pure admin account) are not indexed.
// sparse, not partialFilterExpression: the offline stand-in ignores partial filters.
userSchema.index({ employeeId: 1 }, { unique: true, sparse: true });
userSchema.index({ role: 1, status: 1 });

export type UserRecord = InferSchemaType<typeof userSchema>;
export const User = model('User', userSchema);
