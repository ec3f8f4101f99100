import type { ReferenceObject, ResponseObject, SchemaLike, SchemaObject } from './types';

type Schema = SchemaObject;
type Response = ResponseObject;

export const COMMON_SCHEMAS: Record<string, Schema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string', examples: ['/problems/validation'] },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      requestId: { type: 'string' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: {
            field: { type: 'string' },
            message: { type: 'string' },
            row: { type: 'integer', description: 'Imported files: the row, counting the header as 1' },
          },
        },
      },
    },
  },
};

const REQUEST_ID = {
  description: 'The request id; quote it when reporting a problem',
  schema: { type: 'string' },
};
const RETRY_AFTER = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', minimum: 1 },
};

/** IETF draft RateLimit header fields, sent by every rate-limited route. */
export const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': {
    description: 'Requests (for sign-in: failed attempts) allowed in the current window',
    schema: { type: 'integer', minimum: 0 },
  },
  'RateLimit-Remaining': {
    description: 'How many of them are left',
    schema: { type: 'integer', minimum: 0 },
  },
  'RateLimit-Reset': {
    description: 'Seconds until the window resets',
    schema: { type: 'integer', minimum: 0 },
  },
};

function problem(description: string, extraHeaders: Response['headers'] = {}): Response {
  return {
    description,
    headers: { 'X-Request-Id': REQUEST_ID, ...extraHeaders },
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

export const COMMON_RESPONSES: Record<string, Response> = {
  BadRequest: problem('Invalid input; `errors` names each bad field'),
  Unauthorized: problem('Not authenticated'),
  Forbidden: problem('Authenticated but not allowed'),
  NotFound: problem('Not found, or not visible to the caller'),
  Conflict: problem(
    'Conflicts with the current state; type `/problems/period-closed` when a date is in a closed payroll period',
  ),
  PreconditionFailed: problem('`If-Match` names a version that is no longer current; nothing changed'),
  PayloadTooLarge: problem('Request body too large'),
  UnsupportedMediaType: problem(
    'The body is in a media type, encoding or file type this operation does not take',
  ),
  UnprocessableContent: problem('A business rule refuses the request'),
  TooManyRequests: problem('Rate limited; see Retry-After', {
    'Retry-After': RETRY_AFTER,
    ...RATE_LIMIT_HEADERS,
  }),
  ServiceUnavailable: problem('The database is unavailable'),
};

const STATUS_RESPONSE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
};

/** `problemResponses(400, 404)` -> the shared problem+json responses for those statuses. */
export function problemResponses(...statuses: number[]): Record<string, ReferenceObject> {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { $ref: `#/components/responses/${STATUS_RESPONSE[status] ?? 'BadRequest'}` },
    ]),
  );
}

export function jsonResponse(description: string, schema: SchemaLike): Response {
  return { description, content: { 'application/json': { schema } } };
}

export function ref(schema: string): ReferenceObject {
  return { $ref: `#/components/schemas/${schema}` };
}

/** `{data: [...], page, limit, total}` of the given schema. */
export function pageOf(schema: string): Schema {
  return {
    type: 'object',
    required: ['data', 'page', 'limit', 'total'],
    properties: {
      data: { type: 'array', items: ref(schema) },
      page: { type: 'integer', minimum: 1 },
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      total: { type: 'integer', minimum: 0 },
    },
  };
}

export function jsonBody(schema: SchemaLike, example?: unknown) {
  return {
    required: true,
    content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
  };
}

export const PAGE_PARAMETERS = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
  {
    name: 'limit',
    in: 'query',
    schema: { type: 'integer', minimum: 1, default: 20 },
    description: 'Page size; values above 100 are capped at 100',
  },
] as const;

export function queryParam(name: string, schema: Schema, description?: string) {
  return { name, in: 'query' as const, schema, ...(description ? { description } : {}) };
}

export const NO_CONTENT: Response = { description: 'Done; no body' };

/** A JSON body the client may leave out (e.g. an optional note or comment). */
export function optionalJsonBody(schema: SchemaObject | ReferenceObject) {
  return { required: false, content: { 'application/json': { schema } } };
}
