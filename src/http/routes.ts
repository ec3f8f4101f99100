import type { Express, RequestHandler } from 'express';
import type { OperationObject } from './openapi/types';
import type { RequestShape } from './shape/express';
import { validateRequest } from './shape/express';
import type { Role } from '../lib/roles';
import { authenticate, authorize } from './authenticate';
import { bodyReaders, requireBodyType } from './body-types';
import { authenticateDevice } from './device-auth';
import { idempotent } from './idempotency';
import { sendEntityTags } from './if-match';
import { mountRoutesWithMethods } from './protocol';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, a registered device (X-Device-Key), or a signed-in user holding one of the roles. */
export type Access = 'public' | 'device' | readonly Role[];

/**
 * One route: its Express path, who may call it, its validators and handler, with its OpenAPI
 * operation beside it. The app mounts these as authenticate -> authorize -> validate -> handler;
 * the OpenAPI document and docs/permissions.md are checked against the same list by tests.
 */
export interface RouteDefinition {
  method: HttpMethod;
  path: string;
  access: Access;
  /** What the route accepts, declared once: the checks and the document's parameters and body come from it. */
  request?: RequestShape & { example?: unknown };
  handlers: RequestHandler[];
  doc: OperationObject;
  /**
   * A single record (an employee, a leave type, a leave request): its JSON answers carry a strong
   * `ETag`, and its writes take `If-Match` (stale -> 412). See src/http/if-match.ts.
   */
  entityTag?: boolean;
  /** A POST that changes something without creating it (an amendment, a decision) and takes `Idempotency-Key` too. */
  idempotent?: boolean;
}

/** Routes that take `Idempotency-Key`: creating POSTs and POSTs declared `idempotent`. */
export function takesIdempotencyKey(route: RouteDefinition): boolean {
  return (
    isCreatingRoute(route) ||
    (route.method === 'post' && route.access !== 'public' && route.idempotent === true)
  );
}

/** A write to a single record that takes `If-Match`: any method but GET, except creating ones. */
export function takesIfMatch(route: RouteDefinition): boolean {
  return route.entityTag === true && route.method !== 'get' && !isCreatingRoute(route);
}

/** A POST that creates something for a signed-in caller or a device: it takes an `Idempotency-Key`. */
export function isCreatingRoute(route: RouteDefinition): boolean {
  return route.method === 'post' && route.access !== 'public' && route.doc.responses['201'] !== undefined;
}

export function handlerChain(route: RouteDefinition): RequestHandler[] {
  const bodyType = route.request?.bodyType ?? 'json';
  // Only API routes speak JSON by default; ZKTeco terminals post plain text to /iclock.
  const mediaCheck = route.path.startsWith('/api/') ? [requireBodyType(bodyType)] : [];
  const guard =
    route.access === 'public'
      ? []
      : route.access === 'device'
        ? [authenticateDevice]
        : [authenticate, authorize(...route.access)];
  const fileField = Object.keys(route.request?.body?.spec.properties ?? {})[0];
  const validation = [
    ...bodyReaders(bodyType, fileField),
    ...(route.entityTag ? [sendEntityTags] : []),
    ...(takesIdempotencyKey(route) ? [idempotent] : []),
    validateRequest(route.request ?? {}),
  ];
  return [...mediaCheck, ...guard, ...validation, ...route.handlers];
}

/** Mounts the route table (literal paths before parameters, each path followed by its 405 catch-all). */
export function mountRoutes(app: Express, routes: RouteDefinition[]): void {
  mountRoutesWithMethods(app, routes, handlerChain);
}

/** `/employees/:id` -> `/employees/{id}` */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
