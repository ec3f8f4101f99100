import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import mongoose from 'mongoose';
import { getConfig } from '../config';
import { isDuplicateKeyError } from '../db/duplicate-key';
import { IdempotencyKey } from '../db/idempotency-key.model';
import { BusinessRuleError, ConflictError, ValidationError } from '../lib/errors';
import { logger } from '../lib/logger';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** How long a request owns its key before another attempt may take over (a crashed instance's claim). */
const LEASE_MS = 60_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

type Stored = { status: number; location?: string | null; body?: unknown };

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Object keys sorted at every depth, so `{a, b}` and `{b, a}` are the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries.map(([key, item]) => [key, canonical(item)]));
  }
  return value;
}

/** What the request asks for: method, path with query, body and any uploaded file. */
function fingerprintOf(req: Request): string {
  const file = (req as Request & { file?: { buffer?: Buffer } }).file?.buffer;
  return sha256(
    [req.method, req.originalUrl, JSON.stringify(canonical(req.body) ?? null), file ? sha256(file) : ''].join(
      '\n',
    ),
  );
}

/** Whose key it is: keys of different callers never meet. */
function callerOf(req: Request, res: Response): string | undefined {
  if (req.user) return `user:${req.user.id}`;
  const device = (res.locals as { device?: { id?: unknown } }).device;
  return typeof device?.id === 'string' ? `device:${device.id}` : undefined;
}

/**
 * Claims the key for this request. Returns the stored answer when the same request already
 * completed, or undefined when this request now owns the key and must be served.
 */
async function claim(id: string, fingerprint: string): Promise<Stored | undefined> {
  const now = new Date();
  const leasedUntil = new Date(now.getTime() + LEASE_MS);
  const expiresAt = new Date(now.getTime() + getConfig().IDEMPOTENCY_KEY_HOURS * 3_600_000);
  try {
    await IdempotencyKey.create({ _id: id, fingerprint, state: 'in_flight', leasedUntil, expiresAt });
    return undefined;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  const existing = await IdempotencyKey.findById(id).lean();
  if (!existing) return claim(id, fingerprint); // expired between the insert and the read
  if (existing.fingerprint !== fingerprint) {
    throw new BusinessRuleError('This Idempotency-Key was already used for a different request', {
      errors: [{ field: IDEMPOTENCY_HEADER, message: 'already used for a different request' }],
    });
  }
  if (existing.state === 'done' && existing.response?.status) return existing.response as Stored;
  const takenOver = await IdempotencyKey.findOneAndUpdate(
    { _id: id, state: 'in_flight', leasedUntil: mongoose.trusted({ $lt: now }) },
    { $set: { leasedUntil } },
  );
  if (takenOver) return undefined;
  const conflict = new ConflictError(
    'A request with this Idempotency-Key is still being processed; retry shortly',
  );
  conflict.headers['Retry-After'] = '1';
  throw conflict;
}

/** Stores a success for replay; anything else frees the key so the caller may fix and retry. */
async function settle(
  id: string,
  status: number,
  location: string | undefined,
  body: unknown,
): Promise<void> {
  if (status >= 200 && status < 300) {
    const response: Stored = { status, body, ...(location ? { location } : {}) };
    await IdempotencyKey.updateOne({ _id: id, state: 'in_flight' }, { $set: { state: 'done', response } });
  } else {
    await IdempotencyKey.deleteOne({ _id: id, state: 'in_flight' });
  }
}

function replay(res: Response, stored: Stored): void {
  res.status(stored.status).set('Idempotent-Replayed', 'true');
  if (stored.location) res.location(stored.location);
  if (stored.body === undefined) res.end();
  else res.json(stored.body);
}

/**
 * `Idempotency-Key` on a creating POST (draft-ietf-httpapi-idempotency-key-header): the first
 * request is served and its success stored; a retry with the same key and body gets the same answer
 * (`Idempotent-Replayed: true`) without doing the work again; the same key with another body is 422;
 * a retry while the first is still running is 409. Without the header the route behaves as before.
 */
export const idempotent: RequestHandler = async (req, res, next) => {
  const key = req.get(IDEMPOTENCY_HEADER);
  const caller = callerOf(req, res);
  if (key === undefined || !caller) return next();
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError([
      { field: IDEMPOTENCY_HEADER, message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  const id = sha256(`${caller}\n${key}`);
  const stored = await claim(id, fingerprintOf(req));
  if (stored) return replay(res, stored);

  let settled = false;
  const sendJson = res.json.bind(res);
  const sendRaw = res.send.bind(res);
  // The outcome is stored (or the key freed) before the answer is sent, so a retry that follows the
  // response always finds it. `res.json` keeps the parsed body for replay; `res.send` covers the
  // problem+json answers of refusals and anything else sent as text.
  res.json = (body: unknown) => {
    settled = true;
    settle(id, res.statusCode, res.get('Location'), body)
      .catch((err: unknown) => logger.warn('could not store the idempotent response', { err }))
      .finally(() => sendJson(body));
    return res;
  };
  res.send = (body?: unknown) => {
    if (settled) return sendRaw(body);
    settled = true;
    settle(id, res.statusCode, res.get('Location'), undefined)
      .catch((err: unknown) => logger.warn('could not settle the idempotency key', { err }))
      .finally(() => sendRaw(body));
    return res;
  };
  res.on('finish', () => {
    if (!settled) void settle(id, res.statusCode, res.get('Location'), undefined).catch(() => undefined);
  });
  next();
};
