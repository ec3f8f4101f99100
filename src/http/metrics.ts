import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import client from 'prom-client';
import { getConfig } from '../config';
import { UnauthorizedError } from '../lib/errors';

/** One registry per process: several apps built in one test process share it, as metrics should. */
export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry });

const httpDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration in seconds, by route pattern, method and status',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** Route pattern (not the raw URL) keeps label cardinality bounded: /employees/:id, not one per id. */
export function routePattern(req: Parameters<RequestHandler>[0]): string {
  const route = req.route as { path?: unknown } | undefined;
  return typeof route?.path === 'string' ? route.path : 'unmatched';
}

export const recordRequestMetrics: RequestHandler = (req, res, next) => {
  const stop = httpDuration.startTimer();
  res.on('finish', () => {
    stop({ method: req.method, route: routePattern(req), status_code: String(res.statusCode) });
  });
  next();
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * /metrics shows routes, volumes and process internals, so it is not open to the world: the scraper
 * sends `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time). Without a configured
 * token the endpoint answers 401 to everyone.
 */
export const requireMetricsToken: RequestHandler = (req, _res, next) => {
  const expected = getConfig().METRICS_TOKEN;
  const presented = /^Bearer (.+)$/.exec(req.get('Authorization') ?? '')?.[1];
  if (!expected || !presented || !timingSafeEqual(digest(presented), digest(expected))) {
    throw new UnauthorizedError(
      expected ? 'A valid metrics token is required' : 'Metrics are disabled: METRICS_TOKEN is not set',
    );
  }
  next();
};

export const metricsHandler: RequestHandler = async (_req, res) => {
  res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
};
