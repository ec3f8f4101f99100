import type { RequestHandler } from 'express';
import { currentContext } from '../lib/request-context';

/**
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (IETF draft, the field names clients
 * and gateways read) on every response of a rate-limited route: the limiters note where the caller
 * stands in the request context, and the headers are added just before the response head is written.
 */
export const rateLimitHeaders: RequestHandler = (_req, res, next) => {
  const context = currentContext();
  if (context) {
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
    res.writeHead = ((...args: unknown[]) => {
      const state = context.rateLimit;
      if (state) {
        res.setHeader('RateLimit-Limit', String(state.limit));
        res.setHeader('RateLimit-Remaining', String(state.remaining));
        res.setHeader('RateLimit-Reset', String(state.resetSeconds));
      }
      return writeHead(...args);
    }) as typeof res.writeHead;
  }
  next();
};
