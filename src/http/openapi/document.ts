import type { RouteDefinition } from '../routes';
import { takesIdempotencyKey, takesIfMatch, toOpenApiPath } from '../routes';
import { IF_MATCH_PARAMETER, STRONG_ETAG_HEADER } from '../if-match';
import { MEDIA_TYPES } from '../body-types';
import { SHARED_SCHEMAS } from '../shape/check';
import { COMMON_RESPONSES, COMMON_SCHEMAS, RATE_LIMIT_HEADERS, problemResponses } from './components';
import type { Components } from './shapes';
import { jsonSchemaOf, materialize, parametersOf } from './shapes';
import type {
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
} from './types';

export type { OpenApiDocument } from './types';

const DESCRIPTION = `REST API for attendance and leave management: employees, leave requests and balances,
attendance punches and biometric devices, reports, notifications, calendar feeds and an audit trail.

Authenticate with \`POST /api/v1/auth/login\`, then press **Authorize** and paste the \`accessToken\`.
Errors are \`application/problem+json\` (RFC 9457); every response carries \`X-Request-Id\`.`;

export interface TagObject {
  name: string;
  description: string;
}

export interface DocumentOptions {
  version: string;
  /** Tags in the order readers meet them (Swagger UI shows them so); Operations always goes last. */
  tags?: TagObject[];
}

export function buildOpenApiDocument(routes: RouteDefinition[], options: DocumentOptions): OpenApiDocument {
  const { version } = options;
  const paths: Record<string, PathItemObject> = {};
  const components: Components = { ...SHARED_SCHEMAS };
  for (const route of routes) {
    const key = toOpenApiPath(route.path);
    const item = paths[key] ?? {};
    const operation = describeOperation(withDeclaredInput(route, components));
    item[route.method] = withResponseHeaders(
      materialize(operation, components),
      isRateLimited(operation),
      route.method === 'get',
      route.entityTag === true,
    );
    paths[key] = item;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Attendance & Leave Management API',
      version,
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: orderedTags(routes, options.tags ?? []),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        deviceKey: { type: 'apiKey', in: 'header', name: 'X-Device-Key' },
      },
      schemas: { ...COMMON_SCHEMAS, ...components },
      responses: { ...COMMON_RESPONSES },
    },
  };
}

/** Every tag the routes use, described, in reading order: the given order, then the rest, Operations last. */
function orderedTags(
  routes: RouteDefinition[],
  described: TagObject[],
): Array<{ name: string; description?: string }> {
  const used = [...new Set(routes.flatMap((r) => r.doc.tags ?? []))];
  const known = described.filter((t) => used.includes(t.name));
  const rest = used.filter((name) => !described.some((t) => t.name === name)).map((name) => ({ name }));
  const all = [...known, ...rest];
  return [...all.filter((t) => t.name !== 'Operations'), ...all.filter((t) => t.name === 'Operations')];
}

/** A route declared with `request` gets its parameters and body from those shapes. */
function withDeclaredInput(route: RouteDefinition, components: Components): RouteDefinition {
  const request = route.request;
  if (!request) return route;
  const declared = [
    ...parametersOf(request.params, 'path', components),
    ...parametersOf(request.query, 'query', components),
  ];
  const body = request.body
    ? {
        required: !request.body.spec.optional,
        content: {
          [MEDIA_TYPES[request.bodyType ?? 'json']]: {
            schema: jsonSchemaOf(request.body, components),
            ...(request.example === undefined ? {} : { example: request.example }),
          },
        },
      }
    : undefined;
  return {
    ...route,
    doc: {
      ...route.doc,
      parameters: [...declared, ...(route.doc.parameters ?? [])],
      ...(body ? { requestBody: body } : {}),
    },
  };
}

/** Operations that answer without the database; every other one can answer 503 during an outage. */
const NO_DATABASE_PATHS = new Set([
  '/health',
  '/api/v1/health',
  '/metrics',
  '/openapi.json',
  '/problems/:code',
]);

const IDEMPOTENCY_KEY_PARAMETER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'A unique value (a UUID) per intended write. A retry with the same key and body gets the first answer again ' +
    '(header `Idempotent-Replayed: true`) instead of creating twice; the same key with another body is 422, a ' +
    'retry while the first is still running is 409. Keys are remembered for IDEMPOTENCY_KEY_HOURS (24 h).',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
  example: '5f2b8c1e-3d4a-4e8b-9c6f-1a2b3c4d5e6f',
};

const NOT_MODIFIED = { description: 'Not modified: `If-None-Match` named the current `ETag`; no body' };

/** Adds what the route table already knows: path parameters, security, and who may call it. */
function describeOperation(route: RouteDefinition): OperationObject {
  const doc = route.doc;
  const declaredPath = new Set(Object.keys(route.request?.params?.shape ?? {}));
  const creating = takesIdempotencyKey(route);
  const conditional = takesIfMatch(route);
  const parameters = [
    ...pathParameters(route.path).filter((p) => !declaredPath.has(p.name)),
    ...(doc.parameters ?? []),
    ...(creating ? [IDEMPOTENCY_KEY_PARAMETER] : []),
    ...(conditional ? [IF_MATCH_PARAMETER] : []),
  ];
  const common = {
    ...problemResponses(400),
    ...(creating ? problemResponses(409, 422) : {}),
    ...(conditional ? problemResponses(412) : {}),
    ...(route.entityTag && route.method === 'get' ? { '304': NOT_MODIFIED } : {}),
    ...(doc.requestBody && route.path.startsWith('/api/') ? problemResponses(413, 415) : {}),
    ...(NO_DATABASE_PATHS.has(route.path) ? {} : problemResponses(503)),
  };
  if (route.access === 'public') {
    return { ...doc, parameters, security: [], responses: { ...common, ...doc.responses } };
  }
  if (route.access === 'device') {
    return {
      ...doc,
      parameters,
      security: [{ deviceKey: [] }],
      responses: { ...common, ...problemResponses(401), ...doc.responses },
    };
  }
  return {
    ...doc,
    description: [doc.description, `Roles: ${route.access.join(', ')}.`].filter(Boolean).join('\n\n'),
    parameters,
    responses: { ...common, ...problemResponses(401, 403), ...doc.responses },
  };
}

const REQUEST_ID_HEADER = {
  required: true,
  description: 'The request id (the one sent, when sane); quote it when reporting a problem',
  schema: { type: 'string' },
};

/**
 * Express tags every body it sends with a weak ETag; a client that kept it may ask with
 * If-None-Match and get 304. Single records (routes with `entityTag`) carry a strong one instead,
 * which their writes also take as If-Match (src/http/if-match.ts).
 */
const ETAG_HEADER = {
  description: 'A weak validator of this representation (send it back as If-None-Match to be answered 304)',
  schema: { type: 'string' },
};

/** A route that can answer 429 is rate-limited, and every answer of it carries the RateLimit headers. */
function isRateLimited(operation: OperationObject): boolean {
  return operation.responses['429'] !== undefined;
}

/** Whether a response body is a page `{data, page, limit, total}` (lists answer with `Link` headers). */
function isPageSchema(schema: unknown): boolean {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return Boolean(properties && ['data', 'page', 'limit', 'total'].every((k) => k in properties));
}

/**
 * Documents the headers every response carries (`X-Request-Id`), 201s (`Location`) and pages of a
 * list (`Link` with next and prev). Shared problem responses carry theirs in components.
 */
function withResponseHeaders(
  operation: OperationObject,
  rateLimited: boolean,
  read: boolean,
  strongTag: boolean,
): OperationObject {
  const responses: OperationObject['responses'] = Object.fromEntries(
    Object.entries(operation.responses).map(
      ([status, response]): [string, ResponseObject | ReferenceObject] => {
        if ('$ref' in response) return [status, response];
        const json = response.content?.['application/json']?.schema;
        const headers = {
          ...response.headers,
          'X-Request-Id': REQUEST_ID_HEADER,
          ...(rateLimited ? RATE_LIMIT_HEADERS : {}),
          ...(read && status === '200' && json ? { ETag: ETAG_HEADER } : {}),
          ...(strongTag && /^20[01]$/.test(status) && json ? { ETag: STRONG_ETAG_HEADER } : {}),
          ...(status === '201'
            ? {
                Location: {
                  description: 'The URL of the created resource',
                  schema: { type: 'string' },
                },
              }
            : {}),
          ...(status === '200' && isPageSchema(json)
            ? {
                Link: {
                  description: 'RFC 8288 links to the `next` and `prev` pages, where they exist',
                  schema: { type: 'string' },
                },
              }
            : {}),
        };
        return [status, { ...response, headers }];
      },
    ),
  );
  return { ...operation, responses };
}

function pathParameters(expressPath: string): ParameterObject[] {
  return [...expressPath.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => ({
    name: name ?? '',
    in: 'path',
    required: true,
    // Every `:id` is a MongoDB id, checked by idParam(); saying so lets clients and fuzzers send valid ones.
    schema: name === 'id' ? { type: 'string', pattern: '^[0-9a-fA-F]{24}$' } : { type: 'string' },
  }));
}
