/**
 * What the logs may show of a request URL: secrets that travel in URLs are replaced by `[REDACTED]`.
 * Query values are redacted by the parameter's name (token, key, secret, password, code, signature);
 * path segments by their look (an opaque token: 32 or more URL-safe characters, like calendar feed
 * tokens), so a secret in a path is caught on every route, matched or not. Ids (24 hex) stay readable.
 */
export const REDACTED = '[REDACTED]';

const SECRET_PARAMETER = /token|key|secret|password|passwd|code|signature|sig$|auth|session|credential/i;
const OPAQUE_SEGMENT = /^[A-Za-z0-9_-]{32,}(\.[A-Za-z0-9]{1,8})?$/;
const EXTENSION = /(\.[A-Za-z0-9]{1,8})$/;

function redactSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Not valid percent-encoding: judged as sent.
  }
  if (!OPAQUE_SEGMENT.test(decoded)) return segment;
  return `${REDACTED}${EXTENSION.exec(decoded)?.[1] ?? ''}`;
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      return SECRET_PARAMETER.test(name) || OPAQUE_SEGMENT.test(value) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/** `/api/v1/calendar/feeds/abc...xyz.ics?token=s3cret` -> `/api/v1/calendar/feeds/[REDACTED].ics?token=[REDACTED]` */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const redactedPath = path.split('/').map(redactSegment).join('/');
  return q < 0 ? redactedPath : `${redactedPath}?${redactQuery(url.slice(q + 1))}`;
}
