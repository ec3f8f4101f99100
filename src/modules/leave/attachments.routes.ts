import { jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ANY_ROLE } from '../../lib/roles';
import { ATTACHMENT_TYPES } from './attachment-content';
import * as attachments from './attachments.controller';
import {
  ATTACHMENT_PARAMS,
  AttachmentList,
  AttachmentShape,
  AttachmentUploadBody,
} from './attachments.schemas';

const REQUESTS = ['Leave requests'];
const binary = { schema: { type: 'string', format: 'binary' } };

/** Supporting documents (sick notes) of a leave request, stored in GridFS. */
export const attachmentRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/leave-requests/:id/attachments',
    access: ANY_ROLE,
    request: { params: ID_PARAMS, bodyType: 'multipart', body: AttachmentUploadBody },
    handlers: [attachments.addAttachmentHandler],
    doc: {
      tags: REQUESTS,
      operationId: 'addLeaveAttachment',
      summary: 'Attach a document (e.g. a sick note) to a pending or approved leave request in your scope',
      description:
        'multipart/form-data with one field `file`. The type is decided by the content: PDF, PNG or JPEG; anything else, or a file whose name or type claims another of them, is 415. Larger than ATTACHMENT_MAX_BYTES: 413. At most 10 per request; a cancelled or rejected request: 409.',
      responses: {
        '201': jsonResponse('Stored', AttachmentShape),
        ...problemResponses(404, 409),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/leave-requests/:id/attachments',
    access: ANY_ROLE,
    request: { params: ID_PARAMS },
    handlers: [attachments.listAttachmentsHandler],
    doc: {
      tags: REQUESTS,
      operationId: 'listLeaveAttachments',
      summary: "The documents of a leave request in your scope (the request's scope applies)",
      responses: { '200': jsonResponse('Oldest first', AttachmentList), ...problemResponses(404) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/leave-requests/:id/attachments/:attachmentId',
    access: ANY_ROLE,
    request: { params: ATTACHMENT_PARAMS },
    handlers: [attachments.downloadAttachmentHandler],
    doc: {
      tags: REQUESTS,
      operationId: 'downloadLeaveAttachment',
      summary: 'Download a document of a leave request in your scope (404 outside it)',
      responses: {
        '200': {
          description: 'The file, as a download, in the type its content was found to be',
          content: Object.fromEntries(ATTACHMENT_TYPES.map((type) => [type, binary])),
        },
        ...problemResponses(404),
      },
    },
  },
];
