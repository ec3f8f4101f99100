import { Types } from 'mongoose';
import mongoose from 'mongoose';
import { getConfig } from '../../config';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { BusinessRuleError, ConflictError } from '../../lib/errors';
import { assertStrongPassword } from '../../lib/password-strength';
import { recordAudit, recordThenAnnounce } from '../audit';
import { findEmployeeProfile } from '../employees';
import type { InvitationRecord } from './invitation.model';
import { Invitation } from './invitation.model';
import { generateOpaqueToken, hashOpaqueToken } from './tokens';
import { User } from './user.model';
import type { AcceptInvitationInput, InvitationDto, InvitationInput } from './users.schemas';
import { createUser } from './users.service';

/**
 * Invitations: an admin names the email, role and employee; the person chooses their own password
 * through a single-use link that expires after INVITATION_TTL_HOURS. Admins never handle someone
 * else's password.
 */
type StoredInvitation = InvitationRecord & { _id: Types.ObjectId; createdAt: Date };

function toDto(i: StoredInvitation, now = new Date()): InvitationDto {
  return {
    id: i._id.toHexString(),
    email: i.email,
    role: i.role,
    employeeId: i.employeeId?.toHexString() ?? null,
    status: i.acceptedAt ? 'accepted' : i.expiresAt <= now ? 'expired' : 'pending',
    expiresAt: i.expiresAt.toISOString(),
    invitedBy: i.invitedBy ?? null,
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
  };
}

async function assertInvitable(input: InvitationInput): Promise<void> {
  if (await User.exists({ email: input.email })) {
    throw new ConflictError('This email already has a login', {
      errors: [{ field: 'email', message: 'already has a login' }],
    });
  }
  if (!input.employeeId) return;
  if (!(await findEmployeeProfile(input.employeeId))) {
    throw new BusinessRuleError('No such employee', {
      errors: [{ field: 'employeeId', message: 'No such employee' }],
    });
  }
  if (await User.exists({ employeeId: new Types.ObjectId(input.employeeId) })) {
    throw new ConflictError('This employee already has a login', {
      errors: [{ field: 'employeeId', message: 'already has a login' }],
    });
  }
}

/** Creates the invitation, or renews it for the same address (the earlier link stops working). */
export async function inviteUser(input: InvitationInput, invitedBy: string): Promise<InvitationDto> {
  await assertInvitable(input);
  const token = generateOpaqueToken();
  const expiresAt = new Date(Date.now() + getConfig().INVITATION_TTL_HOURS * 3600 * 1000);
  const employee = input.employeeId ? { employeeId: new Types.ObjectId(input.employeeId) } : {};
  const invitation = await Invitation.findOneAndUpdate(
    { email: input.email },
    {
      $set: { role: input.role, tokenHash: hashOpaqueToken(token), expiresAt, invitedBy, ...employee },
      $unset: { acceptedAt: 1, userId: 1, ...(input.employeeId ? {} : { employeeId: 1 }) },
    },
    { upsert: true, returnDocument: 'after' },
  ).lean<StoredInvitation>();
  if (!invitation) throw new Error('invitation upsert returned nothing');
  const dto = toDto(invitation);
  await recordThenAnnounce(
    { action: 'user.invite', entityType: 'Invitation', entityId: dto.id, after: dto },
    [
      'user.invited',
      { invitationId: dto.id, email: dto.email, role: dto.role, token, expiresAt: dto.expiresAt },
    ],
  );
  return dto;
}

const INVALID = [{ field: 'token', message: 'is invalid, used or expired' }];

/**
 * Creates the login with the person's own password. The token is spent by one conditional update,
 * so of two concurrent uses exactly one creates the login; if the login cannot be created (someone
 * registered the address meanwhile) the invitation is given back and the answer is 409.
 */
export async function acceptInvitation(input: AcceptInvitationInput): Promise<void> {
  if (Buffer.byteLength(input.password, 'utf8') > 72) {
    throw new BusinessRuleError('The password is too long', {
      errors: [{ field: 'password', message: 'must be at most 72 bytes' }],
    });
  }
  // Before the invitation is spent, so a weak choice can be corrected with the same link.
  assertStrongPassword(input.password, 'password');
  const now = new Date();
  const invitation = await Invitation.findOneAndUpdate(
    {
      tokenHash: hashOpaqueToken(input.token),
      acceptedAt: mongoose.trusted({ $exists: false }),
      expiresAt: mongoose.trusted({ $gt: now }),
    },
    { $set: { acceptedAt: now } },
    { returnDocument: 'after' },
  ).lean<StoredInvitation>();
  if (!invitation)
    throw new BusinessRuleError('The invitation link is invalid, used or expired', { errors: INVALID });
  try {
    const user = await createUser({
      email: invitation.email,
      password: input.password,
      role: invitation.role,
      employeeId: invitation.employeeId?.toHexString(),
    });
    await Invitation.updateOne({ _id: invitation._id }, { $set: { userId: new Types.ObjectId(user.id) } });
    await recordAudit({
      action: 'user.invitation_accepted',
      entityType: 'Invitation',
      entityId: invitation._id.toHexString(),
      actor: { kind: 'user', id: user.id, role: user.role },
      metadata: { userId: user.id },
    });
  } catch (err) {
    await Invitation.updateOne({ _id: invitation._id }, { $unset: { acceptedAt: 1 } });
    if (isDuplicateKeyError(err)) {
      throw new ConflictError('A login for this email or employee exists already; sign in instead');
    }
    throw err;
  }
}
