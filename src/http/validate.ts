import type { Request } from 'express';
import type { ValidationError as ExpressValidatorError } from 'express-validator';
import { validationResult } from 'express-validator';
import type { FieldError } from '../lib/errors';
import { ValidationError } from '../lib/errors';

/**
 * A query parameter given more than once (`?limit=1&limit=100`) arrives from Express's query
 * parser as an array. It is refused with 400 naming it, on every route, unless the route declares
 * that parameter as a list: a repeat can never lift a limit or reach a service as an array.
 */
export function refuseRepeatedQuery(query: unknown, lists: ReadonlySet<string> = NO_LISTS): void {
  if (typeof query !== 'object' || query === null) return;
  const repeated = Object.entries(query)
    .filter(([name, value]) => Array.isArray(value) && !lists.has(name))
    .map(([name]) => ({ field: name, message: 'is repeated: give this parameter once' }));
  if (repeated.length > 0) throw new ValidationError(repeated);
}
const NO_LISTS: ReadonlySet<string> = new Set();

/** Throws one ValidationError naming every field the request's checks refused, if any. */
export function collectFieldErrors(req: Request): void {
  const result = validationResult(req);
  if (!result.isEmpty()) throw new ValidationError(dedupe(result.array().flatMap(toFieldErrors)));
}

function toFieldErrors(error: ExpressValidatorError): FieldError[] {
  switch (error.type) {
    case 'field':
      return [{ field: error.path, message: String(error.msg) }];
    case 'unknown_fields':
      return error.fields.map((f) => ({ field: f.path, message: 'Unknown field' }));
    case 'alternative':
      return error.nestedErrors.flatMap(toFieldErrors);
    case 'alternative_grouped':
      return error.nestedErrors.flat().flatMap(toFieldErrors);
  }
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
