import type { Express, RequestHandler } from 'express';
import { AppError } from '../lib/errors';

class MethodNotAllowedError extends AppError {
  readonly status = 405;
  readonly title = 'Method Not Allowed';
  readonly code = 'method-not-allowed';
  constructor(method: string, allowed: string) {
    super(`${method} is not supported here; use ${allowed}`);
    this.headers.Allow = allowed;
  }
}

/** What mounting needs of a route (the route table's type lives in ./routes, which mounts through here). */
interface MountedRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

/**
 * Orders paths so a literal segment wins over a parameter at the same place (`/holidays/import`
 * before `/holidays/:id`): Express matches in mounting order, and `:id` would otherwise claim
 * `import` and answer a method that path lacks with a 400 instead of a 405.
 */
export function bySpecificity(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const l = left[i]?.startsWith(':') ?? false;
    const r = right[i]?.startsWith(':') ?? false;
    if (l !== r) return l ? 1 : -1;
  }
  return 0;
}

/**
 * Mounts every route and, right after a path's routes, a catch-all that answers any other method
 * with 405 and an `Allow` header (OPTIONS gets 204 with `Allow`) instead of a 404. The catch-all's
 * name lets the OpenAPI parity test tell it from a real operation.
 */
export function mountRoutesWithMethods<R extends MountedRoute>(
  app: Express,
  routes: R[],
  chainOf: (route: R) => RequestHandler[],
): void {
  const paths = [...new Set(routes.map((r) => r.path))].sort(bySpecificity);
  for (const path of paths) {
    const own = routes.filter((r) => r.path === path);
    for (const route of own) app[route.method](route.path, ...chainOf(route));
    const methods = new Set(own.map((r) => r.method.toUpperCase()));
    if (methods.has('GET')) methods.add('HEAD');
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
