import type { RequestHandler } from 'express';
import type { AuthenticatedDevice } from '../modules/attendance/devices.service';
import { authenticateDeviceKey } from '../modules/attendance/devices.service';
import { UnauthorizedError } from '../lib/errors';
import { setCurrentActor } from '../lib/request-context';

/**
 * Requires a valid, unrevoked `X-Device-Key` sent from an address the device may use (allowedIps);
 * the device becomes the audit actor.
 */
export const authenticateDevice: RequestHandler = async (req, res, next) => {
  const device = await authenticateDeviceKey(req.get('X-Device-Key'), { ip: req.ip, body: req.body });
  if (!device) throw new UnauthorizedError('A valid X-Device-Key header is required');
  res.locals.device = device;
  setCurrentActor({ kind: 'device', id: device.id });
  next();
};

export function requireDevice(res: Parameters<RequestHandler>[1]): AuthenticatedDevice {
  const device = (res.locals as { device?: AuthenticatedDevice }).device;
  if (!device) throw new UnauthorizedError('A valid X-Device-Key header is required');
  return device;
}
