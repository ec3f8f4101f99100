import type { RequestHandler } from 'express';
import { logger } from '../lib/logger';
import { currentContext } from '../lib/request-context';
import { routePattern } from './metrics';
import { redactUrl } from './redact';

/** One line per request, written when the response is finished (or the client went away); secrets in the URL are redacted. */
export const accessLog: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  const context = currentContext();
  const write = (event: 'finish' | 'close') => () => {
    if (event === 'close' && res.writableFinished) return;
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const actor = context?.actor;
    logger.info(`${req.method} ${redactUrl(req.originalUrl)} ${res.statusCode} ${durationMs.toFixed(1)}ms`, {
      requestId: context?.requestId,
      traceId: context?.traceId,
      method: req.method,
      route: routePattern(req),
      status: res.statusCode,
      durationMs: Math.round(durationMs * 10) / 10,
      ip: req.ip,
      actor: actor && actor.kind !== 'anonymous' ? `${actor.kind}:${actor.id}` : undefined,
      aborted: event === 'close' ? true : undefined,
    });
  };
  res.once('finish', write('finish'));
  res.once('close', write('close'));
  next();
};
