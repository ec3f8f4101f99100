import type { Request, RequestHandler } from 'express';
import express from 'express';
import multer from 'multer';
import { getConfig } from '../config';
import {
  BadRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../lib/errors';

/**
 * How a route's body arrives. JSON is the default (parsed for every route by express.json); a CSV
 * import is read as raw bytes and decoded as UTF-8 here, so a file in another encoding is refused
 * instead of silently garbled; a multipart form carries one uploaded file (multer, in memory, with
 * the size limit from configuration).
 */
export type BodyType = 'json' | 'csv' | 'multipart';

export const MEDIA_TYPES: Record<BodyType, string> = {
  json: 'application/json',
  csv: 'text/csv',
  multipart: 'multipart/form-data',
};

function hasBody(req: Request): boolean {
  return Number(req.get('Content-Length') ?? 0) > 0 || req.get('Transfer-Encoding') !== undefined;
}

/**
 * A body in any other media type than the route's is refused with 415 before authentication or
 * validation; a CSV must be UTF-8 (a declared charset other than that is refused too).
 */
export function requireBodyType(type: BodyType): RequestHandler {
  const media = MEDIA_TYPES[type];
  return (req, _res, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !hasBody(req)) return next();
    if (!req.is(media)) throw new UnsupportedMediaTypeError(`Send the body as ${media}`);
    if (type === 'csv') {
      const charset = /;\s*charset="?([^";]+)"?/i.exec(req.get('Content-Type') ?? '')?.[1];
      if (charset && !/^utf-?8$/i.test(charset))
        throw new UnsupportedMediaTypeError(
          `CSV must be UTF-8, not ${charset}: save the file as "CSV UTF-8"`,
        );
    }
    next();
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The raw bytes as text; a byte sequence that is not UTF-8 (a file saved as Latin-1 or UTF-16) is 415. */
const decodeUtf8: RequestHandler = (req, _res, next) => {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) {
    throw new ValidationError([{ field: 'body', message: 'must be a CSV file with a header row' }]);
  }
  try {
    req.body = utf8.decode(raw); // a leading byte-order mark (Excel's "CSV UTF-8") is dropped
  } catch {
    throw new UnsupportedMediaTypeError(
      'The file is not UTF-8 text: save it as "CSV UTF-8" (Excel) or UTF-8 (other programs)',
    );
  }
  next();
};

/** The one file field of a multipart route, read into memory up to ATTACHMENT_MAX_BYTES. */
function readUpload(fileField: string): RequestHandler {
  const maxBytes = getConfig().ATTACHMENT_MAX_BYTES;
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12, fieldSize: 10_000 },
  }).single(fileField);
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (err) return next(uploadError(err, fileField, maxBytes));
      const unknown = Object.keys((req.body as object | undefined) ?? {});
      if (unknown.length > 0) {
        return next(new ValidationError(unknown.map((field) => ({ field, message: 'Unknown field' }))));
      }
      if (!req.file) return next(new ValidationError([{ field: fileField, message: 'is required' }]));
      next();
    });
  };
}

function uploadError(err: unknown, fileField: string, maxBytes: number): Error {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') {
      return new PayloadTooLargeError(`The file is larger than ${Math.floor(maxBytes / 1024)} KiB`);
    }
    const field = err.field ?? fileField;
    const message =
      err.code === 'LIMIT_UNEXPECTED_FILE'
        ? `Unknown file field; send the file as "${fileField}"`
        : err.message;
    return new ValidationError([{ field, message }]);
  }
  // busboy: a malformed form (no boundary, truncated part) is the client's mistake.
  return new BadRequestError(`The multipart body could not be read: ${(err as Error).message}`);
}

/**
 * What reads a non-JSON body, mounted after authentication so that anonymous callers cannot make
 * the server read megabytes.
 */
export function bodyReaders(type: BodyType, fileField = 'file'): RequestHandler[] {
  if (type === 'csv') {
    return [express.raw({ type: MEDIA_TYPES.csv, limit: getConfig().IMPORT_MAX_BYTES }), decodeUtf8];
  }
  if (type === 'multipart') return [readUpload(fileField)];
  return [];
}
