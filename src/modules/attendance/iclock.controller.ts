import type { Request, Response } from 'express';
import { getConfig } from '../../config';
import { consumeOrWait, mongoRateLimiter } from '../../lib/mongo-rate-limiter';
import { acceptDeviceSource } from './device-sources.service';
import { findDeviceBySerial } from './devices.service';
import type { AuthenticatedDevice } from './devices.service';
import { employeeCodesOfPush, handshakeOptions, receiveDeviceData } from './iclock.service';

/** Terminals read plain text; an unknown or revoked serial number gets a plain refusal. */
function serialOf(req: Request): string | undefined {
  return typeof req.query.SN === 'string' ? req.query.SN : undefined;
}

function tableOf(req: Request): string {
  return typeof req.query.table === 'string' ? req.query.table : '';
}

/** A registered terminal's own budget, spent only by requests it is accepted for. */
const perSerial = mongoRateLimiter(() => ({
  tableName: 'rate_limits',
  keyPrefix: 'iclock',
  points: getConfig().ICLOCK_MAX_REQUESTS_PER_MINUTE,
  durationSeconds: 60,
}));

/** A client address's budget for refused requests (unknown serial, or outside the device's allowedIps). */
const perRefusedClient = mongoRateLimiter(() => ({
  tableName: 'rate_limits',
  keyPrefix: 'iclock-refused',
  points: getConfig().ICLOCK_REFUSED_MAX_PER_MINUTE,
  durationSeconds: 60,
}));

function tooMany(res: Response, seconds: number): undefined {
  res.status(429).set('Retry-After', String(seconds)).type('text/plain').send('Too many requests');
  return undefined;
}

/**
 * The terminal a request is accepted for, or undefined once the answer is sent. Refused requests
 * (unknown or revoked serial, or an address outside the device's allowedIps) all get the same 403,
 * so a serial number read off a device tells an outsider nothing, and they spend the client
 * address's budget: probing is slowed, and an outsider using a real serial never touches that
 * terminal's own budget. A client over its refused budget is answered before any lookup.
 */
async function registeredDevice(req: Request, res: Response): Promise<AuthenticatedDevice | undefined> {
  const client = `ip:${req.ip ?? ''}`;
  const refusedLimiter = await perRefusedClient();
  const refusals = await refusedLimiter.get(client);
  if (refusals && refusals.consumedPoints >= getConfig().ICLOCK_REFUSED_MAX_PER_MINUTE) {
    return tooMany(res, Math.max(1, Math.ceil(refusals.msBeforeNext / 1000)));
  }
  const device = await findDeviceBySerial(serialOf(req));
  const body = typeof req.body === 'string' ? req.body : '';
  const accepted =
    device !== undefined &&
    (await acceptDeviceSource(device, req.ip, employeeCodesOfPush(tableOf(req), body)));
  if (!device || !accepted) {
    const wait = await consumeOrWait(refusedLimiter, client);
    if (wait !== undefined) return tooMany(res, wait);
    res.status(403).type('text/plain').send('Unknown device');
    return undefined;
  }
  const wait = await consumeOrWait(await perSerial(), serialOf(req) ?? client);
  return wait === undefined ? device : tooMany(res, wait);
}

export async function iclockHandshakeHandler(req: Request, res: Response): Promise<void> {
  const device = await registeredDevice(req, res);
  if (device) res.type('text/plain').send(await handshakeOptions(device, serialOf(req) ?? ''));
}

export async function iclockDataHandler(req: Request, res: Response): Promise<void> {
  const device = await registeredDevice(req, res);
  if (!device) return;
  const body = typeof req.body === 'string' ? req.body : '';
  res.type('text/plain').send(await receiveDeviceData(device, tableOf(req), body));
}

/** No server-to-device commands are queued yet: the terminal just hears "OK". */
export async function iclockPollHandler(req: Request, res: Response): Promise<void> {
  const device = await registeredDevice(req, res);
  if (device) res.type('text/plain').send('OK');
}
