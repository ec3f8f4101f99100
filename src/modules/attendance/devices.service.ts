import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { findLeanById } from '../../db/find-by-id';
import { Types } from 'mongoose';
import { now } from '../../lib/clock';
import { getConfig } from '../../config';
import { BusinessRuleError, NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { AuthenticatedDevice, DeviceRecord } from './device.model';
import { Device } from './device.model';
import { acceptDeviceSource, employeeCodesOfBatch } from './device-sources.service';
import { normaliseRange } from './ip-ranges';

export interface DeviceDto {
  id: string;
  name: string;
  location: string | null;
  serialNumber: string | null;
  timezone: string;
  allowedIps: string[];
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

export interface DeviceUpdate {
  name?: string;
  location?: string | null;
  timezone?: string;
  allowedIps?: string[];
}

export type { AuthenticatedDevice } from './device.model';

type StoredDevice = DeviceRecord & { _id: Types.ObjectId; createdAt: Date };

function toDto(d: StoredDevice): DeviceDto {
  return {
    id: d._id.toHexString(),
    name: d.name,
    location: d.location ?? null,
    serialNumber: d.serialNumber ?? null,
    timezone: d.timezone ?? getConfig().COMPANY_TIMEZONE,
    allowedIps: d.allowedIps ?? [],
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

/**
 * Changes a device's name, location, time zone or the addresses it may send from. Each range is
 * parsed; one that is no address range is 422 naming it (`allowedIps[2]`), and nothing changes.
 */
export async function updateDevice(id: string, input: DeviceUpdate): Promise<DeviceDto> {
  const found = await findLeanById<StoredDevice>(Device, id);
  if (!found) throw new NotFoundError('Device not found');
  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.timezone !== undefined) set.timezone = input.timezone;
  if (input.location === null) unset.location = 1;
  else if (input.location !== undefined) set.location = input.location;
  if (input.allowedIps !== undefined) set.allowedIps = normaliseRanges(input.allowedIps);
  const updated = await Device.findOneAndUpdate(
    { _id: found._id },
    {
      ...(Object.keys(set).length > 0 ? { $set: set } : {}),
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
    },
    { returnDocument: 'after' },
  ).lean<StoredDevice>();
  if (!updated) throw new NotFoundError('Device not found');
  const before = toDto(found);
  const after = toDto(updated);
  await recordAudit({ action: 'device.update', entityType: 'Device', entityId: id, before, after });
  return after;
}

function normaliseRanges(ranges: string[]): string[] {
  const errors = ranges.flatMap((range, i) =>
    normaliseRange(range) === undefined
      ? [{ field: `allowedIps[${i}]`, message: 'is not an IP address or CIDR range' }]
      : [],
  );
  if (errors.length > 0) throw new BusinessRuleError('An allowed address range is not valid', { errors });
  return [...new Set(ranges.map((range) => normaliseRange(range) ?? range))];
}

function toAuthenticated(d: StoredDevice): AuthenticatedDevice {
  return {
    id: d._id.toHexString(),
    name: d.name,
    timezone: d.timezone ?? getConfig().COMPANY_TIMEZONE,
    allowedIps: d.allowedIps ?? [],
  };
}

/**
 * The active device a key belongs to; secrets are compared in constant time. A key sent from outside
 * the device's allowedIps is refused like a wrong key (and announced: see acceptDeviceSource).
 */
export async function authenticateDeviceKey(
  key: string | undefined,
  source: { ip: string | undefined; body: unknown },
): Promise<AuthenticatedDevice | undefined> {
  const match = key ? /^dk_([0-9a-f]{16})\.([A-Za-z0-9_-]{20,100})$/.exec(key) : null;
  if (!match?.[1] || !match[2]) return undefined;
  const device = await Device.findOne({ keyId: match[1], active: true })
    .select('+secretHash')
    .lean<StoredDevice>();
  if (!device) return undefined;
  const expected = Buffer.from(device.secretHash, 'hex');
  const presented = sha256(match[2]);
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return undefined;
  const authenticated = toAuthenticated(device);
  const accepted = await acceptDeviceSource(authenticated, source.ip, employeeCodesOfBatch(source.body));
  return accepted ? authenticated : undefined;
}

/** ZKTeco terminals identify only by serial number; revoked or unknown ones are refused. */
export async function findDeviceBySerial(
  serialNumber: string | undefined,
): Promise<AuthenticatedDevice | undefined> {
  if (!serialNumber || serialNumber.length > 64) return undefined;
  const device = await Device.findOne({ serialNumber, active: true }).lean<StoredDevice>();
  return device ? toAuthenticated(device) : undefined;
}

/** When this process last wrote each device's `lastSeenAt`. */
const lastSeenWrites = new Map<string, number>();
const SEEN_WRITE_INTERVAL_MS = 10_000;

/**
 * Records that the device talked to us, at most once per 10 seconds per device and process: a
 * device posting a batch per second would otherwise add a write to every batch, and `lastSeenAt`
 * only tells an admin whether it is alive.
 */
export async function markDeviceSeen(deviceId: string): Promise<void> {
  const at = now();
  const last = lastSeenWrites.get(deviceId);
  if (last !== undefined && at.getTime() - last < SEEN_WRITE_INTERVAL_MS && at.getTime() >= last) return;
  if (lastSeenWrites.size >= 10_000) lastSeenWrites.clear();
  lastSeenWrites.set(deviceId, at.getTime());
  await Device.updateOne({ _id: new Types.ObjectId(deviceId) }, { $set: { lastSeenAt: at } });
}
