import type { RequestHandler } from 'express';
import swaggerUi from 'swagger-ui-express';

/**
 * Runs in the browser (swagger-ui-express writes functions into the page as source): when a
 * sign-in or refresh through the page answers 200, the new access token authorizes the page, so an
 * HR admin never copies tokens by hand, also not when one expires after 15 minutes.
 */
function authorizeFromSignIn(response: { url?: string; status?: number; body?: unknown; obj?: unknown }) {
  const signsIn = /\/api\/v1\/auth\/(login|refresh|accept-invitation)$/.test(response.url ?? '');
  const body = (response.obj ?? response.body) as { accessToken?: unknown } | undefined;
  const ui = (window as { ui?: { preauthorizeApiKey: (key: string, value: string) => void } }).ui;
  if (signsIn && response.status === 200 && ui && typeof body?.accessToken === 'string') {
    ui.preauthorizeApiKey('bearerAuth', body.accessToken);
  }
  return response;
}

declare const window: unknown;

/** Swagger UI at /docs, tuned for HR admins: a filter box, models collapsed, signing in authorizes. */
export function swaggerUiHandlers(): RequestHandler[] {
  return [
    ...swaggerUi.serve,
    swaggerUi.setup(undefined, {
      customSiteTitle: 'Attendance & Leave API',
      swaggerOptions: {
        url: '/openapi.json',
        persistAuthorization: true,
        validatorUrl: null,
        filter: true,
        docExpansion: 'list',
        defaultModelsExpandDepth: 0,
        displayRequestDuration: true,
        tryItOutEnabled: true,
        responseInterceptor: authorizeFromSignIn,
      },
    }),
  ];
}
