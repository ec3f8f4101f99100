import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { UnauthorizedError } from '../../lib/errors';
import { bodyOf, paramsOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { DeviceCreateBody, IngestBody, ManualEntryBody, PunchBody } from './attendance.schemas';
import { DeviceUpdateBody } from './devices.schemas';
import type { AuthenticatedDevice } from './devices.service';
import { createDevice, listDevices, revokeDevice, updateDevice } from './devices.service';
import { ingestDeviceEvents } from './ingest.service';
import { addManualEntry, punchSelf } from './punches.service';

export async function checkInHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await punchSelf(requireUser(req), 'in', bodyOf(req, PunchBody.optional())?.note));
}

export async function checkOutHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await punchSelf(requireUser(req), 'out', bodyOf(req, PunchBody.optional())?.note));
}

export async function manualEntryHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await addManualEntry(requireUser(req), bodyOf(req, ManualEntryBody)));
}

export async function createDeviceHandler(req: Request, res: Response): Promise<void> {
  const device = await createDevice(bodyOf(req, DeviceCreateBody));
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
  await revokeDevice(paramsOf(req, ID_PARAMS).id);
  res.status(204).end();
}

/** The device the router's `authenticateDevice` found with this module's `authenticateDeviceKey`. */
function requireDevice(res: Response): AuthenticatedDevice {
  const device = (res.locals as { device?: AuthenticatedDevice }).device;
  if (!device) throw new UnauthorizedError('A valid X-Device-Key header is required');
  return device;
}

export async function ingestHandler(req: Request, res: Response): Promise<void> {
  const { events } = bodyOf(req, IngestBody);
  res.status(202).json(await ingestDeviceEvents(requireDevice(res), events, 'device'));
}
