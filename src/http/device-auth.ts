import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../lib/errors';
import { setCurrentActor } from '../lib/request-context';

/** The device an `X-Device-Key` belongs to, as far as the router needs to know. */
export interface KeyedDevice {
  id: string;
}

/** Where a device request came from: the client address (allowedIps) and the body (who it names). */
export interface DeviceRequestSource {
  ip: string | undefined;
  body: unknown;
}

/** How the attendance module checks a device key; it hands this to the app (`useDeviceKeyAuthenticator`). */
export type DeviceKeyAuthenticator = (
  key: string | undefined,
  source: DeviceRequestSource,
) => Promise<KeyedDevice | undefined>;

let authenticator: DeviceKeyAuthenticator | undefined;

export function useDeviceKeyAuthenticator(next: DeviceKeyAuthenticator): void {
  authenticator = next;
}

/**
 * Requires a valid, unrevoked `X-Device-Key` sent from an address the device may use (allowedIps);
 * the device becomes the audit actor.
 */
export const authenticateDevice: RequestHandler = async (req, res, next) => {
  if (!authenticator)
    throw new Error("No device key authenticator: createApp() registers the attendance module's");
  const device = await authenticator(req.get('X-Device-Key'), { ip: req.ip, body: req.body as unknown });
  if (!device) throw new UnauthorizedError('A valid X-Device-Key header is required');
  res.locals.device = device;
  setCurrentActor({ kind: 'device', id: device.id });
  next();
};
