import type { Request, Response } from 'express';
import { getConfig } from '../../config';
import { requireUser } from '../../http/authenticate';
import { requireDevice } from '../../http/device-auth';
import { pathParam, validBody, validQuery } from '../../http/request-data';
import { addDays, todayIn } from '../../lib/dates';
import { pageRequest } from '../../lib/pagination';
import { listAttendance } from './attendance-days.service';
import type { DeviceInput } from './devices.service';
import { createDevice, listDevices, revokeDevice } from './devices.service';
import { ingestDeviceEvents } from './ingest.service';
import type { ManualEntryInput } from './punches.service';
import { addManualEntry, punchSelf } from './punches.service';

export async function checkInHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await punchSelf(requireUser(req), 'in', validBody<{ note?: string }>(req).note));
}

export async function checkOutHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await punchSelf(requireUser(req), 'out', validBody<{ note?: string }>(req).note));
}

/** Without a range: the last 31 days up to today (company time zone). */
export async function listAttendanceHandler(req: Request, res: Response): Promise<void> {
  const query = validQuery<{
    employeeId?: string;
    from?: string;
    to?: string;
    page?: number;
    limit?: number;
  }>(req);
  const to = query.to ?? todayIn(getConfig().COMPANY_TIMEZONE);
  const from = query.from ?? addDays(to, -30);
  res.json(
    await listAttendance(
      requireUser(req),
      { from, to, ...(query.employeeId ? { employeeId: query.employeeId } : {}) },
      pageRequest(query),
    ),
  );
}

export async function manualEntryHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await addManualEntry(requireUser(req), validBody<ManualEntryInput>(req)));
}

export async function createDeviceHandler(req: Request, res: Response): Promise<void> {
  const device = await createDevice(validBody<DeviceInput>(req));
  res.status(201).location(`/api/v1/devices/${device.id}`).json(device);
}

export async function listDevicesHandler(_req: Request, res: Response): Promise<void> {
  res.json(await listDevices());
}

export async function revokeDeviceHandler(req: Request, res: Response): Promise<void> {
  await revokeDevice(pathParam(req));
  res.status(204).end();
}

export async function ingestHandler(req: Request, res: Response): Promise<void> {
  const { events } = validBody<{ events: unknown[] }>(req);
  res.status(202).json(await ingestDeviceEvents(requireDevice(res), events, 'device'));
}
