import type { Request } from 'express';
import { matchedData } from 'express-validator';
import type { AnyField, Infer, ObjectField, ObjectOf, Shape } from './shape/field';
import { validatedInput } from './shape/express';

/**
 * Only what the route's validators declared, already sanitized: unknown fields never reach a
 * service, and null stays null (a PATCH uses it to clear an optional field).
 */
export function validBody<T>(req: Request): T {
  const data = matchedData(req, { locations: ['body'], includeOptionals: true });
  // includeOptionals also lists declared fields the client did not send (as undefined, or {} for
  // nested ones); keep only what the client actually sent.
  const sent = typeof req.body === 'object' && req.body !== null ? (req.body as object) : {};
  return Object.fromEntries(Object.entries(data).filter(([key]) => Object.hasOwn(sent, key))) as T;
}

export function validQuery<T>(req: Request): T {
  return matchedData(req, { locations: ['query'] }) as T;
}

/** The `:id`-style path parameter, validated by the route's rules. */
export function pathParam(req: Request, name = 'id'): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}

/** The route's checked body, typed by the shape it declared. */
export function bodyOf<F extends AnyField>(req: Request, _shape: F): Infer<F> {
  return validatedInput(req).body as Infer<F>;
}

/** The route's checked query parameters, typed by the shape it declared. */
export function queryOf<S extends Shape>(req: Request, _shape: ObjectField<S>): ObjectOf<S> {
  return validatedInput(req).query as ObjectOf<S>;
}

/** The route's checked path parameters, typed by the shape it declared. */
export function paramsOf<S extends Shape>(req: Request, _shape: ObjectField<S>): ObjectOf<S> {
  return validatedInput(req).params as ObjectOf<S>;
}

/** The UTF-8 text of a `bodyType: 'csv'` route's body (read and decoded by its body reader). */
export function csvTextOf(req: Request): string {
  return typeof req.body === 'string' ? req.body : '';
}

/** The one file of a `bodyType: 'multipart'` route (its reader answered 400 when it was missing). */
export function uploadedFileOf(req: Request): Express.Multer.File {
  if (!req.file) throw new Error('uploadedFileOf() on a route without a multipart body');
  return req.file;
}
