import mongoose from 'mongoose';
import type { FieldError } from '../lib/errors';
import {
  AppError,
  BadRequestError,
  ConflictError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../lib/errors';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
  /** Unexpected: log with stack at error level and hide the message from the client. */
  unexpected: boolean;
}

export const PROBLEM_TYPE_BASE = '/problems/';

/** Converts anything thrown into a known AppError, or undefined when it is a bug. */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  return fromBodyParser(err) ?? fromMongoose(err) ?? fromMongoDriver(err);
}

export function toProblem(err: unknown): ProblemResponse {
  const known = toAppError(err);
  if (!known) {
    return {
      problem: {
        type: `${PROBLEM_TYPE_BASE}internal`,
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred. Quote the request id when reporting it.',
      },
      headers: {},
      unexpected: true,
    };
  }
  const problem: Problem = {
    type: `${PROBLEM_TYPE_BASE}${known.code}`,
    title: known.title,
    status: known.status,
    detail: known.message,
  };
  if (known.errors) problem.errors = known.errors;
  return { problem, headers: known.headers, unexpected: false };
}

interface BodyParserError {
  type: string;
  status?: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string';
}

function fromBodyParser(err: unknown): AppError | undefined {
  if (!isBodyParserError(err)) return undefined;
  switch (err.type) {
    case 'entity.parse.failed':
      return new ValidationError(
        [{ field: 'body', message: 'Malformed JSON' }],
        'The request body is not valid JSON',
      );
    case 'entity.too.large':
      return new PayloadTooLargeError('The request body exceeds the size limit');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError('The request body encoding or charset is not supported');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'parameters.too.many':
      return new BadRequestError('The request body could not be read');
    default:
      return undefined;
  }
}

function fromMongoose(err: unknown): AppError | undefined {
  if (err instanceof mongoose.Error.ValidationError) {
    const errors = Object.values(err.errors).map((e) => ({ field: e.path, message: e.message }));
    return new ValidationError(errors);
  }
  if (err instanceof mongoose.Error.CastError) {
    return new ValidationError([{ field: err.path, message: `Invalid value for ${err.path}` }]);
  }
  if (err instanceof mongoose.Error.StrictModeError) {
    return new ValidationError([{ field: err.path, message: 'Unknown field' }]);
  }
  return undefined;
}

const UNAVAILABLE_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  // A pool cleared because its server went away mid-operation (a dropped connection).
  'PoolClearedOnNetworkError',
  'MongoServerClosedError',
]);

/** Socket errors the driver lets through unwrapped when a connection drops mid-command. */
const NETWORK_ERROR_CODES = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ERR_SOCKET_CLOSED',
]);

function fromMongoDriver(err: unknown): AppError | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (code === 11000 || code === 11001) {
    const fields = duplicateKeyFields(err);
    const errors = fields.map((field) => ({ field, message: 'Already exists' }));
    const detail =
      fields.length > 0 ? `A record with this ${fields.join(', ')} already exists` : 'Duplicate record';
    return new ConflictError(detail, { errors });
  }
  if (
    UNAVAILABLE_ERROR_NAMES.has(err.name) ||
    err instanceof mongoose.mongo.MongoNetworkError ||
    NETWORK_ERROR_CODES.has(String((err as { code?: unknown }).code)) ||
    /buffering timed out/.test(err.message)
  ) {
    return new ServiceUnavailableError('The database is unavailable; retry shortly', { cause: err });
  }
  return undefined;
}

/**
 * The fields of a violated unique index. Real mongod reports `keyValue`; servers that only put
 * it in the message (`dup key: { email: "a@b.c" }`) are parsed, so both name the field.
 */
function duplicateKeyFields(err: Error): string[] {
  const keyValue = (err as { keyValue?: Record<string, unknown> }).keyValue;
  if (keyValue && Object.keys(keyValue).length > 0) return Object.keys(keyValue);
  const braces = /dup key: \{(.*)\}/.exec(err.message)?.[1] ?? '';
  return [...braces.matchAll(/(?:^|,)\s*([A-Za-z_$][\w.$]*)\s*:/g)].map((m) => m[1] ?? '').filter(Boolean);
}
