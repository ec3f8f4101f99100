import type { Express } from 'express';
import { AppError } from '../lib/errors';
import type { RouteDefinition } from './routes';

class MethodNotAllowedError extends AppError {
  readonly status = 405;
  readonly title = 'Method Not Allowed';
  readonly code = 'method-not-allowed';
  constructor(method: string, allowed: string) {
    super(`${method} is not supported here; use ${allowed}`);
    this.headers.Allow = allowed;
  }
}

/**
 * For every known path, any other method gets 405 with an `Allow` header instead of a 404
 * (OPTIONS gets 204 with `Allow`). Mounted after the routes, before the 404 handler; the handler's
 * name lets the OpenAPI parity test tell these catch-alls from real operations.
 */
export function mountMethodNotAllowed(app: Express, routes: RouteDefinition[]): void {
  const methodsByPath = new Map<string, Set<string>>();
  for (const route of routes) {
    const methods = methodsByPath.get(route.path) ?? new Set<string>();
    methods.add(route.method.toUpperCase());
    if (route.method === 'get') methods.add('HEAD');
    methodsByPath.set(route.path, methods);
  }
  for (const [path, methods] of methodsByPath) {
    const allowed = [...methods, 'OPTIONS'].sort().join(', ');
    app.all(path, function methodNotAllowed(req, res) {
      if (req.method === 'OPTIONS') {
        res.set('Allow', allowed).status(204).end();
        return;
      }
      throw new MethodNotAllowedError(req.method, allowed);
    });
  }
}
