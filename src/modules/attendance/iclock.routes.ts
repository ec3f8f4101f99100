import type { RequestHandler } from 'express';
import type { OperationObject, ResponseObject } from '../../http/openapi/types';
import type { RouteDefinition } from '../../http/routes';
import { s } from '../../http/shape/builders';
import * as iclock from './iclock.controller';

const ICLOCK = ['ZKTeco push (iclock)'];
// Terminals send more parameters than these, varying by firmware (options, pushver, Stamp, ...): let them through.
const IclockQuery = s
  .object({
    SN: s
      .string({ min: 1, max: 64 })
      .describe('The terminal serial number, as registered')
      .example('CQZ7224460246'),
    table: s
      .string({ max: 32 })
      .optional()
      .describe('ATTLOG for punches; other tables are acknowledged')
      .example('ATTLOG'),
  })
  .open();
const text = (description: string): ResponseObject => ({
  description,
  content: { 'text/plain': { schema: { type: 'string' } } },
});

/** The ADMS push protocol ZKTeco terminals speak (text/plain, outside /api/v1). */
/** Every terminal answer is text: the request's own, 403 for an unknown or refused device, 429. */
function terminalAnswers(ok: string): OperationObject['responses'] {
  return {
    '200': text(ok),
    '403': text('Unknown device'),
    '429': text('Too many requests; see Retry-After'),
  };
}

function iclockRoute(
  method: 'get' | 'post',
  path: string,
  handler: RequestHandler,
  doc: Omit<OperationObject, 'tags' | 'responses'> & { ok: string },
): RouteDefinition {
  const { ok, ...operation } = doc;
  return {
    method,
    path,
    access: 'public',
    request: { query: IclockQuery },
    handlers: [handler],
    doc: { ...operation, tags: ICLOCK, responses: terminalAnswers(ok) },
  };
}

export const iclockRoutes: RouteDefinition[] = [
  iclockRoute('get', '/iclock/cdata', iclock.iclockHandshakeHandler, {
    operationId: 'iclockHandshake',
    summary: 'ZKTeco handshake: returns the push options (text/plain)',
    ok: 'GET OPTION FROM: <SN> and option lines',
  }),
  iclockRoute('post', '/iclock/cdata', iclock.iclockDataHandler, {
    operationId: 'iclockPush',
    summary:
      'ZKTeco data push; table=ATTLOG lines are PIN, local time, status, verify, work code (tab-separated)',
    requestBody: {
      required: false,
      content: {
        'text/plain': { schema: { type: 'string' }, example: '1001\t2026-11-23 08:57:12\t0\t1\t0\t0\t0\n' },
      },
    },
    ok: 'OK: <number of lines>',
  }),
  iclockRoute('get', '/iclock/getrequest', iclock.iclockPollHandler, {
    operationId: 'iclockPoll',
    summary: 'ZKTeco command poll (no commands are queued: OK)',
    ok: 'OK',
  }),
  iclockRoute('post', '/iclock/devicecmd', iclock.iclockPollHandler, {
    operationId: 'iclockCommandResult',
    summary: 'ZKTeco command result report (acknowledged)',
    ok: 'OK',
  }),
];
