import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { runWithContext } from '../lib/request-context';
import { activeTraceId } from '../lib/trace-id';

/** Accepts a caller's id when it is sane (so traces join up across services), otherwise makes one. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const requestId: RequestHandler = (req, res, next) => {
  const sent = req.get('X-Request-Id');
  const id = sent && ACCEPTABLE_ID.test(sent) ? sent : randomUUID();
  res.setHeader('X-Request-Id', id);
  const traceId = activeTraceId();
  runWithContext(
    { requestId: id, ...(traceId ? { traceId } : {}), ip: req.ip, actor: { kind: 'anonymous' } },
    next,
  );
};
