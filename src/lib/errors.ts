/**
 * Typed errors thrown by services and middleware. The error middleware turns each into
 * application/problem+json (RFC 9457); services never speak HTTP beyond choosing the class.
 */
export interface FieldError {
  field: string;
  message: string;
  /** For imported files: the spreadsheet row (the header is row 1). */
  row?: number;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** Machine-readable kind, used as the last segment of the problem `type` URI. */
  abstract readonly code: string;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string> = {};

  constructor(detail: string, options?: { errors?: FieldError[]; cause?: unknown }) {
    super(detail, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.errors) this.errors = options.errors;
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  readonly title = 'Bad Request';
  readonly code = 'bad-request';
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly title = 'Validation failed';
  readonly code = 'validation';
  constructor(errors: FieldError[], detail = describeFields(errors)) {
    super(detail, { errors });
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly title = 'Unauthorized';
  readonly code = 'unauthorized';
  constructor(detail = 'Authentication is required') {
    super(detail);
    this.headers['WWW-Authenticate'] = 'Bearer';
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly title = 'Forbidden';
  readonly code = 'forbidden';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly title = 'Not Found';
  readonly code = 'not-found';
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly title = 'Conflict';
  readonly code = 'conflict';
}

/**
 * A write touches a date inside a closed payroll period (modules/periods): 409 with its own problem
 * type, so a client can tell "reopen the period first" from other conflicts. `errors` names the field.
 */
export class PeriodClosedError extends AppError {
  readonly status = 409;
  readonly title = 'Payroll period closed';
  readonly code = 'period-closed';
}

/** A stale `If-Match`: the resource changed since the client read it; nothing was changed. */
export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly title = 'Precondition Failed';
  readonly code = 'precondition-failed';
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly title = 'Payload Too Large';
  readonly code = 'payload-too-large';
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly title = 'Unsupported Media Type';
  readonly code = 'unsupported-media-type';
}

/** A business rule refuses an otherwise well-formed request (balance, notice period, ...). */
export class BusinessRuleError extends AppError {
  readonly status = 422;
  readonly title = 'Unprocessable Content';
  readonly code = 'business-rule';
}

/**
 * A schema-valid id in a body that names nothing: 422 naming the field (the request is well formed;
 * what it refers to does not exist), never 400.
 */
export function unknownReference(field: string, what: string): BusinessRuleError {
  return new BusinessRuleError(`No such ${what}`, { errors: [{ field, message: `No such ${what}` }] });
}

export class LockedError extends AppError {
  readonly status = 423;
  readonly title = 'Locked';
  readonly code = 'locked';
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly title = 'Too Many Requests';
  readonly code = 'rate-limited';
  constructor(detail: string, retryAfterSeconds: number) {
    super(detail);
    this.headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly title = 'Service Unavailable';
  readonly code = 'unavailable';
}

function describeFields(errors: FieldError[]): string {
  const fields = [...new Set(errors.map((e) => e.field))];
  return `Invalid value for ${fields.join(', ')}`;
}
