import type { RequestHandler } from 'express';
import { NotFoundError } from '../lib/errors';
import { problemResponses } from './openapi/components';
import { PROBLEM_TYPE_BASE } from './problem';
import type { RouteDefinition } from './routes';
import { s } from './shape/builders';
import { paramsOf } from './request-data';

/**
 * Every problem `type` the API answers with (`/problems/<code>`) resolves to a page that says what
 * it means and what to do, so a client or a person reading a log can follow the link.
 */
interface ProblemPage {
  status: number;
  title: string;
  meaning: string;
  action: string;
}

export const PROBLEM_PAGES: Record<string, ProblemPage> = {
  validation: {
    status: 400,
    title: 'Validation failed',
    meaning: 'The request does not match the shape the OpenAPI document declares for it.',
    action: '`errors` names each bad field and why; fix those fields and send again.',
  },
  'bad-request': {
    status: 400,
    title: 'Bad Request',
    meaning: 'The request could not be read (a truncated body, too many parameters).',
    action: 'Send the request again, complete.',
  },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    meaning:
      'No valid credentials: the access token is missing, expired or revoked, or a device key is wrong.',
    action: 'Sign in again (POST /api/v1/auth/login) or refresh the token (POST /api/v1/auth/refresh).',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    meaning: 'You are signed in, but your role may not do this, or you may see the record but not change it.',
    action: "Ask an admin, or the employee's manager, to do it.",
  },
  'not-found': {
    status: 404,
    title: 'Not Found',
    meaning: 'No such record, or one you are not allowed to see (the API does not reveal which).',
    action: 'Check the id and that the record belongs to you or your team.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method Not Allowed',
    meaning: 'The path exists but not with this method.',
    action: 'Use one of the methods in the `Allow` header.',
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    meaning:
      'The request conflicts with the current state: a duplicate, an overlap, a decision already taken, or the same change in progress.',
    action: 'Read the record again; retry only if the detail says another change is in progress.',
  },
  'period-closed': {
    status: 409,
    title: 'Payroll period closed',
    meaning:
      'The write touches a date inside a closed payroll period; nothing was written. `detail` names the period and its dates.',
    action:
      'Ask an admin to reopen the period (POST /api/v1/payroll-periods/{id}/reopen with a reason), then send the request again.',
  },
  'precondition-failed': {
    status: 412,
    title: 'Precondition Failed',
    meaning:
      'The `If-Match` header names a version of the record that is no longer current: someone changed it since you read it. Nothing was changed.',
    action: 'GET the record again, check the change still makes sense, and send it with the new `ETag`.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload Too Large',
    meaning: 'The body is larger than the server accepts.',
    action: 'Send a smaller body (split a batch).',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported Media Type',
    meaning: 'The body is not in a content type this operation accepts.',
    action: 'Send it as the content type the OpenAPI document lists for the operation.',
  },
  'business-rule': {
    status: 422,
    title: 'Unprocessable Content',
    meaning:
      'The request is well formed, but a rule refuses it: insufficient balance, a notice period, an unknown referenced record, an end before a start.',
    action: 'Read `detail` (and `errors` where a field is to blame) and change the request.',
  },
  locked: {
    status: 423,
    title: 'Locked',
    meaning: 'The account is temporarily locked after repeated failed sign-ins.',
    action: 'Wait for the time in `Retry-After`, or reset the password.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too Many Requests',
    meaning: 'Too many requests from this client, user or device in the window.',
    action: 'Wait for the seconds in `Retry-After` before sending again.',
  },
  internal: {
    status: 500,
    title: 'Internal Server Error',
    meaning: 'A fault on the server; nothing about the request is to blame.',
    action: 'Retry later and quote `requestId` when reporting it.',
  },
  unavailable: {
    status: 503,
    title: 'Service Unavailable',
    meaning: 'The database does not answer right now.',
    action: 'Retry after a short wait; `/ready` says when the service is back.',
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderPage(code: string, page: ProblemPage): string {
  const withCode = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${page.status} ${escapeHtml(page.title)}</title></head>
<body><h1>${page.status} ${escapeHtml(page.title)}</h1>
<p><code>type: ${PROBLEM_TYPE_BASE}${escapeHtml(code)}</code></p>
<h2>What it means</h2><p>${withCode(page.meaning)}</p>
<h2>What to do</h2><p>${withCode(page.action)}</p>
</body></html>
`;
}

const ProblemParams = s.object({
  code: s.enum(Object.keys(PROBLEM_PAGES)).describe('The last segment of a problem `type`'),
});

const showProblemPage: RequestHandler = (req, res) => {
  const { code } = paramsOf(req, ProblemParams);
  const page = PROBLEM_PAGES[code];
  if (!page) throw new NotFoundError(`No problem type ${code}`);
  res.type('html').send(renderPage(code, page));
};

export const problemPageRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: `${PROBLEM_TYPE_BASE}:code`,
    access: 'public',
    request: { params: ProblemParams },
    handlers: [showProblemPage],
    doc: {
      tags: ['Operations'],
      operationId: 'getProblemType',
      summary: 'What a problem `type` means and what to do about it',
      responses: {
        '200': {
          description: 'A page about the problem type',
          content: { 'text/html': { schema: { type: 'string' } } },
        },
        ...problemResponses(404),
      },
    },
  },
];
