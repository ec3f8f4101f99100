import type { Types } from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import { NotFoundError } from '../../lib/errors';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import type { Infer } from '../../http/shape/field';
import { Device } from './device.model';
import { RawDeviceLine } from './raw-device-line.model';
import type { RejectedLineShape } from './rejected-lines.schemas';

type RejectedLineDto = Infer<typeof RejectedLineShape>;

interface StoredLine {
  _id: Types.ObjectId;
  table: string;
  line: string;
  reason: string;
  at: Date;
}

/** A device's unusable lines, newest first (revoked devices too: their history is still useful). */
export async function listRejectedLines(deviceId: string, page: PageRequest): Promise<Page<RejectedLineDto>> {
  const device = await findLeanById<{ _id: Types.ObjectId }>(Device, deviceId);
  if (!device) throw new NotFoundError('Device not found');
  const filter = { deviceId: device._id };
  const [rows, total] = await Promise.all([
    RawDeviceLine.find(filter)
      .sort({ at: -1, _id: -1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredLine[]>(),
    RawDeviceLine.countDocuments(filter),
  ]);
  return {
    data: rows.map((r) => ({
      id: r._id.toHexString(),
      table: r.table,
      line: r.line,
      reason: r.reason,
      at: r.at.toISOString(),
    })),
    page: page.page,
    limit: page.limit,
    total,
  };
}
