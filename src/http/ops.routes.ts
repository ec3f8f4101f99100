import type { RequestHandler } from 'express';
import { getConfig } from '../config';
import { pingDatabase } from '../db/connection';
import type { OpenApiDocument } from './openapi/document';
import { jsonResponse, problemResponses } from './openapi/components';
import { ServiceUnavailableError } from '../lib/errors';
import { metricsHandler } from './metrics';
import type { RouteDefinition } from './routes';

const health: RequestHandler = (_req, res) => {
  res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
};

const ready: RequestHandler = async (_req, res) => {
  if (!(await pingDatabase(getConfig().READY_TIMEOUT_MS))) {
    throw new ServiceUnavailableError('The database does not answer');
  }
  res.json({ status: 'ready', database: 'up' });
};

const statusSchema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string' },
    uptimeSeconds: { type: 'integer' },
    database: { type: 'string' },
  },
} as const;

const healthDoc = {
  tags: ['Operations'],
  summary: 'Liveness: the process is up',
  security: [],
  responses: { '200': jsonResponse('Alive', statusSchema) },
};
const readyDoc = {
  tags: ['Operations'],
  summary: 'Readiness: the database answers a ping',
  security: [],
  responses: { '200': jsonResponse('Ready to serve', statusSchema), ...problemResponses(503) },
};

/** Liveness, readiness, metrics and the OpenAPI document; /health and /ready also under /api/v1. */
export function createOpsRoutes(getDocument: () => OpenApiDocument): RouteDefinition[] {
  const openapi: RequestHandler = (_req, res) => {
    res.json(getDocument());
  };
  return [
    { method: 'get', path: '/health', access: 'public', handlers: [health], doc: healthDoc },
    { method: 'get', path: '/api/v1/health', access: 'public', handlers: [health], doc: healthDoc },
    { method: 'get', path: '/ready', access: 'public', handlers: [ready], doc: readyDoc },
    { method: 'get', path: '/api/v1/ready', access: 'public', handlers: [ready], doc: readyDoc },
    {
      method: 'get',
      path: '/metrics',
      access: 'public',
      handlers: [metricsHandler],
      doc: {
        tags: ['Operations'],
        summary: 'Prometheus metrics (default process metrics and http_request_duration_seconds)',
        responses: {
          '200': {
            description: 'Prometheus text format',
            content: { 'text/plain': { schema: { type: 'string' } } },
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
        tags: ['Operations'],
        summary: 'This OpenAPI 3.1 document (Swagger UI at /docs)',
        responses: { '200': jsonResponse('The OpenAPI document', { type: 'object' }) },
      },
    },
  ];
}
