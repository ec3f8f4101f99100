import type { Request, RequestHandler } from 'express';
import type { Meta, ParamSchema, Schema } from 'express-validator';

/** One custom check per field, named so express-validator treats it as a custom validator. */
type CheckSchema = Schema<'checkShape'>;
import { checkExact, checkSchema } from 'express-validator';
import { s } from './builders';
import type { AnyField, ObjectField, Shape } from './field';
import type { Location } from './check';
import { fromText, matches, parseValue, unknownKeys } from './check';
import { ValidationError } from '../../lib/errors';
import { collectFieldErrors, refuseRepeatedQuery } from '../validate';
import type { BodyType } from '../body-types';

/** What a route accepts, by location: each an object shape. */
export interface RequestShape {
  params?: ObjectField<Shape>;
  query?: ObjectField<Shape>;
  body?: AnyField;
  /**
   * How the body arrives (default JSON). A `csv` body is read as UTF-8 text and checked by the
   * route's own CSV reader; a `multipart` body holds the one file field its shape declares. Either
   * way the declared body shape documents it, under its media type.
   */
  bodyType?: BodyType;
}

const NO_QUERY = s.object({});

/** The values a route's checks passed, parsed and tidied, for the handler to read. */
export interface ValidatedInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

const VALIDATED = Symbol('validated');
type WithValidated = Request & { [VALIDATED]?: ValidatedInput };

/** `a.b[0].c` -> ['a', 'b', '0', 'c'] */
function segments(path: string): string[] {
  return path.split(/[.[\]]/).filter((s) => s !== '');
}

function valueAt(root: unknown, parts: string[]): unknown {
  let current = root;
  for (const part of parts) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A field's check: present-or-allowed-missing, null where allowed, its own schema, no unknown fields. */
function fieldCheck(f: AnyField, location: Location, nested: boolean) {
  return (raw: unknown, { req, path }: Meta): true => {
    if (raw === undefined) {
      if (f.spec.optional) return true;
      // A required child of an absent optional parent is not missing: its parent is.
      const parent = nested
        ? valueAt((req as Record<string, unknown>)[location], segments(path).slice(0, -1))
        : {};
      if (parent === undefined || parent === null) return true;
      throw new Error('is required');
    }
    const value = location === 'body' ? raw : fromText(f, raw);
    if (!matches(f, value)) throw new Error(value === null ? 'must not be null' : f.spec.message);
    const unknown = unknownKeys(f, value);
    if (unknown.length > 0) throw new Error(`has unknown field(s): ${unknown.join(', ')}`);
    return true;
  };
}

/** express-validator schema entries for a field and, below it, its children and items. */
function entriesFor(f: AnyField, path: string, location: Location, nested: boolean, out: CheckSchema): void {
  const entry: ParamSchema<'checkShape'> = {
    in: [location],
    checkShape: { custom: fieldCheck(f, location, nested) },
  };
  out[path] = entry;
  for (const [key, child] of Object.entries(f.spec.properties ?? {})) {
    entriesFor(child, `${path}.${key}`, location, true, out);
  }
  if (f.spec.item && !acceptsAnything(f.spec.item)) entriesFor(f.spec.item, `${path}.*`, location, true, out);
}

/**
 * An item that may be any value, null included (device events, each checked by the service): its
 * check would always pass, and express-validator's expansion of a `.*` path dedupes the items
 * pairwise, quadratic in a 1,000-event batch. The array's own entry covers it, unknown fields too.
 */
function acceptsAnything(f: AnyField): boolean {
  const { schema, nullable, properties, item, tidy } = f.spec;
  return nullable && Object.keys(schema).length === 0 && !properties && !item && !tidy;
}

/** The checks of one location: every declared field, then no field the shape does not declare. */
function locationChecks(root: ObjectField<Shape>, location: Location) {
  const schema: CheckSchema = {};
  for (const [key, child] of Object.entries(root.shape)) entriesFor(child, key, location, false, schema);
  const chains = checkSchema(schema, [location]);
  if (root.spec.closed === false) return chains;
  return checkExact(chains, { locations: [location], message: 'Unknown field' });
}

/**
 * The middleware that checks a request against its declared shape (one 400 naming every bad field)
 * and keeps the parsed values for the handler (`input(req)`).
 */
export function validateRequest(shape: RequestShape): RequestHandler {
  // Only a JSON body is checked field by field here; CSV and multipart bodies have their own readers.
  const jsonBody = (shape.bodyType ?? 'json') === 'json';
  const runners = (['params', 'query', 'body'] as const).flatMap((location) => {
    if (location === 'body' && !jsonBody) return [];
    // A route that declares no query parameters accepts none: an unknown one is a 400, not ignored.
    const root = location === 'query' ? (shape.query ?? NO_QUERY) : shape[location];
    if (!root?.spec.properties) return [];
    const checks = locationChecks(root as ObjectField<Shape>, location);
    // A query that declares nothing and holds nothing has nothing to check: most reads send none.
    const skipsEmpty = location === 'query' && Object.keys(root.spec.properties).length === 0;
    return [{ checks, skipsEmpty }];
  });
  const body = jsonBody ? shape.body : undefined;
  const lists = new Set(
    Object.entries(shape.query?.spec.properties ?? {})
      .filter(([, f]) => f.spec.schema.type === 'array')
      .map(([name]) => name),
  );
  return async (req, _res, next) => {
    refuseRepeatedQuery(req.query, lists);
    if (body?.spec.properties) checkBodyObject(body, req.body as unknown);
    for (const { checks, skipsEmpty } of runners) {
      if (skipsEmpty && Object.keys(req.query).length === 0) continue;
      await checks.run(req);
    }
    collectFieldErrors(req);
    (req as WithValidated)[VALIDATED] = {
      params: parsed(shape.params, req.params, 'params'),
      query: parsed(shape.query, req.query, 'query'),
      body: jsonBody ? (body ? parseValue(body, req.body as unknown, 'body') : undefined) : req.body,
    };
    next();
  };
}

/** The body as a whole: an object (not an array or a string) with its own rules (minProperties). */
function checkBodyObject(body: AnyField, value: unknown): void {
  if (value === undefined) {
    if (body.spec.optional) return;
    if (body.spec.schema.minProperties === undefined) return; // each required field reports itself
  }
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject && value !== undefined) {
    throw new ValidationError([{ field: 'body', message: 'must be a JSON object' }]);
  }
  if (!matches(body, value ?? {})) throw new ValidationError([{ field: 'body', message: body.spec.message }]);
}

function parsed(root: AnyField | undefined, raw: unknown, location: Location): Record<string, unknown> {
  return root ? (parseValue(root, raw ?? {}, location) as Record<string, unknown>) : {};
}

/** The request's checked input; a route without declared input has none. */
export function validatedInput(req: Request): ValidatedInput {
  return (req as WithValidated)[VALIDATED] ?? { params: {}, query: {}, body: undefined };
}
