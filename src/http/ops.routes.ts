import type { RequestHandler } from 'express';
import { getConfig } from '../config';
import { pingDatabase } from '../db/connection';
import type { OpenApiDocument } from './openapi/document';
import { jsonResponse, problemResponses } from './openapi/components';
import { ServiceUnavailableError } from '../lib/errors';
import { metricsHandler, requireMetricsToken } from './metrics';
import type { RouteDefinition } from './routes';
import { s } from './shape/builders';
import type { Infer } from './shape/field';

const tags = ['Operations'];

const HealthShape = s
  .object({
    status: s.enum(['ok']),
    uptimeSeconds: s.int({ min: 0 }).describe('Seconds since this process started'),
  })
  .named('Health');

const ReadinessShape = s.object({ status: s.enum(['ready']), database: s.enum(['up']) }).named('Readiness');

const health: RequestHandler = (_req, res) => {
  const body: Infer<typeof HealthShape> = { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  res.json(body);
};

const ready: RequestHandler = async (_req, res) => {
  if (!(await pingDatabase(getConfig().READY_TIMEOUT_MS))) {
    throw new ServiceUnavailableError('The database does not answer');
  }
  const body: Infer<typeof ReadinessShape> = { status: 'ready', database: 'up' };
  res.json(body);
};

/** The liveness operation, served at `path` under the id `operationId`. */
function healthRoute(path: string, operationId: string): RouteDefinition {
  return {
    method: 'get',
    path,
    access: 'public',
    handlers: [health],
    doc: {
      tags,
      operationId,
      summary: 'Liveness: the process is up',
      responses: { '200': jsonResponse('Alive', HealthShape) },
    },
  };
}

function readyRoute(path: string, operationId: string): RouteDefinition {
  return {
    method: 'get',
    path,
    access: 'public',
    handlers: [ready],
    doc: {
      tags,
      operationId,
      summary: 'Readiness: the database answers a ping',
      responses: { '200': jsonResponse('Ready to serve', ReadinessShape), ...problemResponses(503) },
    },
  };
}

const METRICS_EXAMPLE = `# HELP http_request_duration_seconds HTTP request duration in seconds, by route pattern, method and status
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_count{method="GET",route="/health",status_code="200"} 3
`;

/** Liveness, readiness, metrics and the OpenAPI document; /health and /ready also under /api/v1. */
export function createOpsRoutes(getDocument: () => OpenApiDocument): RouteDefinition[] {
  const openapi: RequestHandler = (_req, res) => {
    res.json(getDocument());
  };
  return [
    healthRoute('/health', 'getHealth'),
    healthRoute('/api/v1/health', 'getApiHealth'),
    readyRoute('/ready', 'getReadiness'),
    readyRoute('/api/v1/ready', 'getApiReadiness'),
    {
      method: 'get',
      path: '/metrics',
      access: 'public',
      handlers: [requireMetricsToken, metricsHandler],
      doc: {
        tags,
        operationId: 'getMetrics',
        summary: 'Prometheus metrics (default process metrics and http_request_duration_seconds)',
        description:
          'For the scraper only: `Authorization: Bearer <METRICS_TOKEN>`; without it (or with no token configured) 401.',
        responses: {
          ...problemResponses(401),
          '200': {
            description: 'Prometheus text format',
            content: { 'text/plain': { schema: { type: 'string' }, example: METRICS_EXAMPLE } },
          },
        },
      },
    },
    {
      method: 'get',
      path: '/openapi.json',
      access: 'public',
      handlers: [openapi],
      doc: {
        tags,
        operationId: 'getOpenApiDocument',
        summary: 'This OpenAPI 3.1 document (Swagger UI at /docs)',
        responses: { '200': jsonResponse('The OpenAPI document', s.record(s.unknown())) },
      },
    },
  ];
}
