import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import { getConfig } from './config';
import type { OpenApiDocument } from './http/openapi/document';
import { buildOpenApiDocument } from './http/openapi/document';
import { demoAccountsEnabled, demoSignInExample } from './seed-demo';
import { accessLog } from './http/access-log';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { refuseDeepJson } from './http/json-depth';
import { recordRequestMetrics } from './http/metrics';
import { noStore } from './http/no-store';
import { createOpsRoutes } from './http/ops.routes';
import { problemPageRoutes } from './http/problem-pages';
import { pageLinks } from './http/page-links';
import { rateLimitHeaders } from './http/rate-limit-headers';
import { requestId } from './http/request-id';
import { swaggerUiHandlers } from './http/swagger-ui';
import type { RouteDefinition } from './http/routes';
import { mountRoutes } from './http/routes';
import { APP_VERSION } from './lib/version';
import { useAccessTokenVerifier } from './http/authenticate';
import { useDeviceKeyAuthenticator } from './http/device-auth';
import { apiAuthenticators, apiRoutes, apiTags, subscribeModulesToEvents } from './modules';

export interface BuiltApp {
  app: express.Express;
  routes: RouteDefinition[];
  document: OpenApiDocument;
}

/** Builds the Express app without listening or connecting, so tests drive it through supertest. */
export interface BuildOptions {
  /** Extra routes mounted like any module's (tests use it to exercise the error pipeline). */
  extraRoutes?: RouteDefinition[];
  /**
   * Which routes to serve: everything (default), the API without the ZKTeco push routes, or only
   * those (`/iclock/*`, for the separate ICLOCK_PORT listener).
   */
  surface?: 'all' | 'api' | 'iclock';
}

const isIclock = (route: RouteDefinition) => route.path.startsWith('/iclock/');

export function buildApp(options: BuildOptions = {}): BuiltApp {
  const config = getConfig();
  const app = express();
  app.disable('x-powered-by');
  // A hop count, never `true`: only the configured proxies may set the client IP (rate limits use it).
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  subscribeModulesToEvents();
  const authenticators = apiAuthenticators();
  useAccessTokenVerifier(authenticators.accessToken);
  useDeviceKeyAuthenticator(authenticators.deviceKey);
  // Node's querystring (Express 5's default, stated here on purpose): flat names, no `a[b]` objects;
  // a repeated name becomes an array, which the shared validation refuses (refuseRepeatedQuery).
  app.set('query parser', 'simple');

  app.use(requestId);
  app.use(rateLimitHeaders);
  app.use(accessLog);
  app.use(recordRequestMetrics);
  app.use(helmet());
  app.use(
    cors({
      origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
      exposedHeaders: [
        'X-Request-Id',
        'Retry-After',
        'Location',
        'Link',
        'ETag',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
      ],
      maxAge: 600,
    }),
  );
  app.use(express.json({ limit: config.BODY_LIMIT, verify: refuseDeepJson(config.JSON_MAX_DEPTH) }));
  // ZKTeco terminals post tab-separated text, with or without a content type.
  app.use('/iclock', express.text({ type: () => true, limit: config.BODY_LIMIT }));
  // Each route refuses a body in another media type than its own (415): see handlerChain.
  app.use('/api/v1', noStore, pageLinks);

  // The document lists the route that serves it, so that route reads it once it exists.
  const built: { document?: OpenApiDocument } = {};
  const surface = options.surface ?? 'all';
  const routes = [
    ...createOpsRoutes(() => requireDocument(built.document)),
    ...problemPageRoutes,
    ...apiRoutes(),
    ...(options.extraRoutes ?? []),
  ].filter((route) => surface === 'all' || (surface === 'iclock') === isIclock(route));
  const document = buildOpenApiDocument(routes, {
    version: APP_VERSION,
    tags: apiTags(),
  });
  if (demoAccountsEnabled(config)) showDemoSignIn(document);
  built.document = document;
  mountRoutes(app, routes);
  if (surface !== 'iclock') app.use('/docs', ...swaggerUiHandlers());

  app.use(notFoundHandler);
  app.use(errorHandler);
  return { app, routes, document };
}

export function createApp(): express.Express {
  return buildApp().app;
}

/** Where the demo accounts exist (npm run dev), Swagger UI's sign-in example is the demo admin's. */
function showDemoSignIn(document: OpenApiDocument): void {
  const login = document.paths['/api/v1/auth/login']?.post as
    { requestBody?: { content?: Record<string, { example?: unknown }> } } | undefined;
  const json = login?.requestBody?.content?.['application/json'];
  if (json) json.example = demoSignInExample();
}

function requireDocument(document: OpenApiDocument | undefined): OpenApiDocument {
  if (!document) throw new Error('OpenAPI document requested before the app was built');
  return document;
}
