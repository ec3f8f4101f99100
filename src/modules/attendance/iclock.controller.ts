import type { Request, Response } from 'express';
import { getConfig } from '../../config';
import { consumeOrWait, mongoRateLimiter } from '../../lib/mongo-rate-limiter';
import { findDeviceBySerial } from './devices.service';
import type { AuthenticatedDevice } from './devices.service';
import { handshakeOptions, receiveDeviceData } from './iclock.service';

/** Terminals read plain text; an unknown or revoked serial number gets a plain refusal. */
function serialOf(req: Request): string | undefined {
  return typeof req.query.SN === 'string' ? req.query.SN : undefined;
}

const perSerial = mongoRateLimiter(() => ({
  tableName: 'rate_limits',
  keyPrefix: 'iclock',
  points: getConfig().ICLOCK_MAX_REQUESTS_PER_MINUTE,
  durationSeconds: 60,
}));

/** Limits every serial number, known or not, so probing and runaway terminals are slowed down. */
async function registeredDevice(req: Request, res: Response): Promise<AuthenticatedDevice | undefined> {
  const wait = await consumeOrWait(await perSerial(), serialOf(req) ?? `ip:${req.ip ?? ''}`);
  if (wait !== undefined) {
    res.status(429).set('Retry-After', String(wait)).type('text/plain').send('Too many requests');
    return undefined;
  }
  const device = await findDeviceBySerial(serialOf(req));
  if (!device) res.status(403).type('text/plain').send('Unknown device');
  return device;
}

export async function iclockHandshakeHandler(req: Request, res: Response): Promise<void> {
  const device = await registeredDevice(req, res);
  if (device) res.type('text/plain').send(await handshakeOptions(device, serialOf(req) ?? ''));
}

export async function iclockDataHandler(req: Request, res: Response): Promise<void> {
  const device = await registeredDevice(req, res);
  if (!device) return;
  const table = typeof req.query.table === 'string' ? req.query.table : '';
  const body = typeof req.body === 'string' ? req.body : '';
  res.type('text/plain').send(await receiveDeviceData(device, table, body));
}

/** No server-to-device commands are queued yet: the terminal just hears "OK". */
export async function iclockPollHandler(req: Request, res: Response): Promise<void> {
  const device = await registeredDevice(req, res);
  if (device) res.type('text/plain').send('OK');
}
