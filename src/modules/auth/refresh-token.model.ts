import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

export const REFRESH_TOKEN_STATUSES = ['active', 'rotated', 'revoked'] as const;

/**
 * Refresh tokens are opaque random values; only their SHA-256 is stored. Tokens issued from one
 * login form a family: each refresh rotates (old -> rotated, new -> active), and presenting a
 * rotated token again means it was stolen, so the whole family is revoked.
 */
const refreshTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    familyId: { type: String, required: true },
    status: { type: String, enum: REFRESH_TOKEN_STATUSES, required: true, default: 'active' },
    expiresAt: { type: Date, required: true },
    rotatedAt: { type: Date },
    revokedAt: { type: Date },
    revokedReason: { type: String },
  },
  { timestamps: true, versionKey: false },
);

refreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
refreshTokenSchema.index({ familyId: 1 });
refreshTokenSchema.index({ userId: 1, status: 1 });
// Expired tokens are useless; MongoDB removes them a little after expiry.
refreshTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type RefreshTokenRecord = InferSchemaType<typeof refreshTokenSchema>;
export const RefreshToken = model('RefreshToken', refreshTokenSchema);
