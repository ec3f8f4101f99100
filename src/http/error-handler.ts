import type { ErrorRequestHandler, RequestHandler } from 'express';
import { logger } from '../lib/logger';
import { NotFoundError } from '../lib/errors';
import { toProblem } from './problem';
import { redactUrl } from './redact';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const notFoundHandler: RequestHandler = (req) => {
  throw new NotFoundError(`No route for ${req.method} ${req.path}`);
};

/** The one place errors become HTTP: every error, expected or not, leaves as problem+json. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const { problem, headers, unexpected } = toProblem(err);
  if (unexpected) {
    const error = err instanceof Error ? err : new Error(String(err));
    logger.error(`Unhandled error: ${error.message}`, {
      stack: error.stack,
      method: req.method,
      path: redactUrl(req.path),
    });
  } else if (problem.status >= 500) {
    logger.warn(problem.detail, { status: problem.status, cause: describeCause(err) });
  }
  const requestId = res.getHeader('X-Request-Id');
  res
    .status(problem.status)
    .set(headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify({
        ...problem,
        instance: req.originalUrl,
        ...(typeof requestId === 'string' ? { requestId } : {}),
      }),
    );
};

function describeCause(err: unknown): string | undefined {
  const cause = err instanceof Error ? err.cause : undefined;
  return cause instanceof Error ? cause.message : undefined;
}
