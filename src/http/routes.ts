import type { Express, RequestHandler } from 'express';
import type { OperationObject } from '../docs/types';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One route: its Express path and handler chain, with its OpenAPI operation beside it.
 * The app mounts these and the document is built from the same list, and a test walks the
 * mounted Express router to prove nothing is served that is not documented, or the reverse.
 */
export interface RouteDefinition {
  method: HttpMethod;
  path: string;
  handlers: RequestHandler[];
  doc: OperationObject;
}

export function mountRoutes(app: Express, routes: RouteDefinition[]): void {
  for (const route of routes) app[route.method](route.path, ...route.handlers);
}

/** `/employees/:id` -> `/employees/{id}` */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
