import type { RouteDefinition } from '../http/routes';

/** Every module's routes, in mounting order. Each module exports its list from its index.ts. */
export function apiRoutes(): RouteDefinition[] {
  return [];
}
