import type { Request, RequestHandler } from 'express';
import type { IfMatch } from '../lib/entity-tag';
import { entityTag } from '../lib/entity-tag';
import type { ParameterObject } from './openapi/types';

export const IF_MATCH_HEADER = 'If-Match';

/**
 * Single resources (routes declared with `entityTag: true`): every JSON answer that is one record
 * carries its strong `ETag`, and writes honour `If-Match`. Express's own weak ETag stays on every
 * other answer (it is only ever used for `If-None-Match` and 304).
 */

/** The `If-Match` header as the service compares it: `*`, or the entity tags listed (weak ones never match). */
export function ifMatchOf(req: Request): IfMatch | undefined {
  const header = req.get(IF_MATCH_HEADER);
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  const tags = value.match(/(?:W\/)?"[^"]*"/g);
  // A header that lists no entity tag can match nothing: the write is refused with 412, never run.
  return tags ?? [value];
}

function isRecord(body: unknown): body is { id: unknown } {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'id' in body;
}

/** Sets the strong ETag of a single record on a successful JSON answer (GET or write). */
export const sendEntityTags: RequestHandler = (_req, res, next) => {
  const sendJson = res.json.bind(res);
  res.json = (body: unknown) => {
    if (res.statusCode >= 200 && res.statusCode < 300 && isRecord(body) && !res.get('ETag')) {
      res.set('ETag', entityTag(body));
    }
    return sendJson(body);
  };
  next();
};

export const IF_MATCH_PARAMETER: ParameterObject = {
  name: IF_MATCH_HEADER,
  in: 'header',
  required: false,
  description:
    'Optional: the `ETag` you read the record with (from its GET or the answer of your last write). ' +
    'When the record has changed since, the answer is 412 and nothing changes, so two people editing ' +
    'the same record cannot overwrite each other unknowingly. `*` matches any current version.',
  schema: { type: 'string' },
  example: '"q2v3cXh0eWzF0Tb1g9dN8rQpL4c"',
};

/** The strong ETag a single record's answer carries (documented on its 200 and 201 responses). */
export const STRONG_ETAG_HEADER = {
  required: true,
  description:
    'A strong validator of this record: send it back as `If-Match` on a write (stale -> 412) or as `If-None-Match` on a GET (unchanged -> 304)',
  schema: { type: 'string' },
};
