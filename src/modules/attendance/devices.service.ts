import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { findLeanById } from '../../db/find-by-id';
import { Types } from 'mongoose';
import { getConfig } from '../../config';
import { NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { DeviceRecord } from './device.model';
import { Device } from './device.model';

export interface DeviceDto {
  id: string;
  name: string;
  location: string | null;
  serialNumber: string | null;
  timezone: string;
  active: boolean;
  revokedAt: string | null;
  lastSeenAt: string | null;
  createdAt: string;
}

export interface DeviceInput {
  name: string;
  location?: string;
  serialNumber?: string;
  timezone?: string;
}

export interface AuthenticatedDevice {
  id: string;
  name: string;
  timezone: string;
}

type StoredDevice = DeviceRecord & { _id: Types.ObjectId; createdAt: Date };

function toDto(d: StoredDevice): DeviceDto {
  return {
    id: d._id.toHexString(),
    name: d.name,
    location: d.location ?? null,
    serialNumber: d.serialNumber ?? null,
    timezone: d.timezone ?? getConfig().COMPANY_TIMEZONE,
    active: d.active,
    revokedAt: d.revokedAt?.toISOString() ?? null,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** Registers a device and returns its API key, `dk_<keyId>.<secret>`, this once only. */
export async function createDevice(input: DeviceInput): Promise<DeviceDto & { apiKey: string }> {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const created = await Device.create({ ...input, keyId, secretHash: sha256(secret).toString('hex') });
  const dto = toDto(created.toObject<StoredDevice>());
  await recordAudit({ action: 'device.create', entityType: 'Device', entityId: dto.id, after: dto });
  return { ...dto, apiKey: `dk_${keyId}.${secret}` };
}

export async function listDevices(): Promise<DeviceDto[]> {
  return (await Device.find().sort({ name: 1 }).lean<StoredDevice[]>()).map(toDto);
}

/** Revoking keeps the device (its punches refer to it) but its key and serial number stop working. */
export async function revokeDevice(id: string): Promise<void> {
  const found = await findLeanById<StoredDevice>(Device, id);
  if (!found) throw new NotFoundError('Device not found');
  if (!found.active) return;
  await Device.updateOne({ _id: found._id }, { $set: { active: false, revokedAt: new Date() } });
  await recordAudit({
    action: 'device.revoke',
    entityType: 'Device',
    entityId: id,
    before: { active: true },
    after: { active: false },
  });
}

function toAuthenticated(d: StoredDevice): AuthenticatedDevice {
  return { id: d._id.toHexString(), name: d.name, timezone: d.timezone ?? getConfig().COMPANY_TIMEZONE };
}

/** The active device a key belongs to; secrets are compared in constant time. */
export async function authenticateDeviceKey(
  key: string | undefined,
): Promise<AuthenticatedDevice | undefined> {
  const match = key ? /^dk_([0-9a-f]{16})\.([A-Za-z0-9_-]{20,100})$/.exec(key) : null;
  if (!match?.[1] || !match[2]) return undefined;
  const device = await Device.findOne({ keyId: match[1], active: true })
    .select('+secretHash')
    .lean<StoredDevice>();
  if (!device) return undefined;
  const expected = Buffer.from(device.secretHash, 'hex');
  const presented = sha256(match[2]);
  return expected.length === presented.length && timingSafeEqual(expected, presented)
    ? toAuthenticated(device)
    : undefined;
}

/** ZKTeco terminals identify only by serial number; revoked or unknown ones are refused. */
export async function findDeviceBySerial(
  serialNumber: string | undefined,
): Promise<AuthenticatedDevice | undefined> {
  if (!serialNumber || serialNumber.length > 64) return undefined;
  const device = await Device.findOne({ serialNumber, active: true }).lean<StoredDevice>();
  return device ? toAuthenticated(device) : undefined;
}

export async function markDeviceSeen(deviceId: string): Promise<void> {
  await Device.updateOne({ _id: new Types.ObjectId(deviceId) }, { $set: { lastSeenAt: new Date() } });
}
