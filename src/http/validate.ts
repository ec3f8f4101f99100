import type { Request, RequestHandler } from 'express';
import type { ContextRunner, ValidationError as ExpressValidatorError } from 'express-validator';
import { validationResult } from 'express-validator';
import type { FieldError } from '../lib/errors';
import { ValidationError } from '../lib/errors';

/** Runs express-validator chains and turns every failure into one 400 naming each bad field. */
export function validate(...chains: ContextRunner[]): RequestHandler {
  return async (req, _res, next) => {
    for (const chain of chains) await chain.run(req);
    collectFieldErrors(req);
    next();
  };
}

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
