import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { requireDevice } from '../../http/device-auth';
import { bodyOf, paramsOf, pathParam, validBody } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { DeviceUpdateBody } from './devices.schemas';
import type { DeviceInput } from './devices.service';
import { createDevice, listDevices, revokeDevice, updateDevice } from './devices.service';
import { ingestDeviceEvents } from './ingest.service';
import type { ManualEntryInput } from './punches.service';
import { addManualEntry, punchSelf } from './punches.service';

export async function checkInHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await punchSelf(requireUser(req), 'in', validBody<{ note?: string }>(req).note));
}

export async function checkOutHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await punchSelf(requireUser(req), 'out', validBody<{ note?: string }>(req).note));
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

export async function updateDeviceHandler(req: Request, res: Response): Promise<void> {
  const { id } = paramsOf(req, ID_PARAMS);
  res.json(await updateDevice(id, bodyOf(req, DeviceUpdateBody)));
}

export async function revokeDeviceHandler(req: Request, res: Response): Promise<void> {
  await revokeDevice(pathParam(req));
  res.status(204).end();
}

export async function ingestHandler(req: Request, res: Response): Promise<void> {
  const { events } = validBody<{ events: unknown[] }>(req);
  res.status(202).json(await ingestDeviceEvents(requireDevice(res), events, 'device'));
}
