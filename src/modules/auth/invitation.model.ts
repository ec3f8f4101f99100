import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';
import { ROLES } from './roles';

/**
 * One invitation per email address: inviting the same address again replaces the token, so only the
 * newest link works. Only the SHA-256 of the emailed token is stored; `acceptedAt` makes it single use
 * (set by one conditional update).
 */
const invitationSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    role: { type: String, enum: ROLES, required: true },
    employeeId: { type: Schema.Types.ObjectId, ref: 'Employee' },
    tokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    invitedBy: { type: String },
    acceptedAt: { type: Date },
    userId: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true, versionKey: false },
);

invitationSchema.index({ email: 1 }, { unique: true });
invitationSchema.index({ tokenHash: 1 }, { unique: true });

export type InvitationRecord = InferSchemaType<typeof invitationSchema>;
export const Invitation = model('Invitation', invitationSchema);
