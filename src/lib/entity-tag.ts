import { createHash } from 'node:crypto';
import { PreconditionFailedError } from './errors';

/**
 * Strong entity tags (RFC 9110 section 8.8.3) for single resources. A tag is a digest of the
 * resource's representation (the DTO a GET answers with), so the same document reads the same tag
 * on GET and after a write, and any change to what a client sees (including `updatedAt` and a leave
 * request's `version`) changes it.
 */

/** What a client sent in `If-Match`: `*` (any current version) or the entity tags it holds. */
export type IfMatch = '*' | readonly string[];

/** Object keys sorted at every depth, so the digest never depends on key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries.map(([key, item]) => [key, canonical(item)]));
  }
  return value;
}

/** `"<27 base64url characters>"`: the strong tag of a representation. */
export function entityTag(representation: unknown): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(canonical(representation)))
    .digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

/**
 * Refuses (412) a write whose `If-Match` does not name the current representation. Comparison is
 * strong: a weak tag (`W/"..."`) never matches. Without `If-Match` every write goes ahead.
 */
export function assertPrecondition(current: unknown, ifMatch: IfMatch | undefined): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  if (ifMatch.includes(entityTag(current))) return;
  throw staleIfMatch();
}

export function staleIfMatch(): PreconditionFailedError {
  return new PreconditionFailedError(
    'The record changed since you read it (If-Match does not name its current ETag); nothing was changed. Read it again and retry with the new ETag.',
    { errors: [{ field: 'If-Match', message: 'does not match the current ETag' }] },
  );
}
