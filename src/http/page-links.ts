import type { RequestHandler } from 'express';

interface PageBody {
  data: unknown[];
  page: number;
  limit: number;
  total: number;
}

function isPage(body: unknown): body is PageBody {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return Array.isArray(b.data) && [b.page, b.limit, b.total].every((n) => typeof n === 'number');
}

/** The same request with another page number, as a path and query relative to the server. */
function pageUrl(originalUrl: string, page: number): string {
  const url = new URL(originalUrl, 'http://local');
  url.searchParams.set('page', String(page));
  return `${url.pathname}${url.search}`;
}

/**
 * RFC 8288 `Link` headers (`next`, `prev`) on every page of a list, so a client pages by following
 * links instead of doing arithmetic on `page`, `limit` and `total`.
 */
export const pageLinks: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET') {
    next();
    return;
  }
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    if (isPage(body) && res.statusCode === 200) {
      const links: string[] = [];
      if (body.page * body.limit < body.total)
        links.push(`<${pageUrl(req.originalUrl, body.page + 1)}>; rel="next"`);
      if (body.page > 1) links.push(`<${pageUrl(req.originalUrl, body.page - 1)}>; rel="prev"`);
      if (links.length > 0) res.setHeader('Link', links.join(', '));
    }
    return json(body);
  };
  next();
};
