import type { ResponseObject } from '../../http/openapi/types';
import type { RouteDefinition } from '../../http/routes';
import { s } from '../../http/shape/builders';
import * as iclock from './iclock.controller';
import { attendanceCorrectionRoutes } from './attendance-corrections.routes';

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
export const iclockRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/iclock/cdata',
    access: 'public',
    request: { query: IclockQuery },
    handlers: [iclock.iclockHandshakeHandler],
    doc: {
      operationId: 'iclockHandshake',
      tags: ICLOCK,
      summary: 'ZKTeco handshake: returns the push options (text/plain)',
      responses: {
        '200': text('GET OPTION FROM: <SN> and option lines'),
        '403': text('Unknown device'),
        '429': text('Too many requests; see Retry-After'),
      },
    },
  },
  {
    method: 'post',
    path: '/iclock/cdata',
    access: 'public',
    request: { query: IclockQuery },
    handlers: [iclock.iclockDataHandler],
    doc: {
      operationId: 'iclockPush',
      tags: ICLOCK,
      summary:
        'ZKTeco data push; table=ATTLOG lines are PIN, local time, status, verify, work code (tab-separated)',
      requestBody: {
        required: false,
        content: {
          'text/plain': { schema: { type: 'string' }, example: '1001\t2026-11-23 08:57:12\t0\t1\t0\t0\t0\n' },
        },
      },
      responses: {
        '200': text('OK: <number of lines>'),
        '403': text('Unknown device'),
        '429': text('Too many requests; see Retry-After'),
      },
    },
  },
  {
    method: 'get',
    path: '/iclock/getrequest',
    access: 'public',
    request: { query: IclockQuery },
    handlers: [iclock.iclockPollHandler],
    doc: {
      operationId: 'iclockPoll',
      tags: ICLOCK,
      summary: 'ZKTeco command poll (no commands are queued: OK)',
      responses: {
        '200': text('OK'),
        '403': text('Unknown device'),
        '429': text('Too many requests; see Retry-After'),
      },
    },
  },
  {
    method: 'post',
    path: '/iclock/devicecmd',
    access: 'public',
    request: { query: IclockQuery },
    handlers: [iclock.iclockPollHandler],
    doc: {
      operationId: 'iclockCommandResult',
      tags: ICLOCK,
      summary: 'ZKTeco command result report (acknowledged)',
      responses: {
        '200': text('OK'),
        '403': text('Unknown device'),
        '429': text('Too many requests; see Retry-After'),
      },
    },
  },
  ...attendanceCorrectionRoutes,
];
