import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { requireUser } from '../../http/authenticate';
import { paramsOf, uploadedFileOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { ATTACHMENT_PARAMS } from './attachments.schemas';
import { addAttachment, listAttachments, openAttachment } from './attachments.service';

export async function addAttachmentHandler(req: Request, res: Response): Promise<void> {
  const { id } = paramsOf(req, ID_PARAMS);
  const attachment = await addAttachment(requireUser(req), id, uploadedFileOf(req));
  res.status(201).location(`/api/v1/leave-requests/${id}/attachments/${attachment.id}`).json(attachment);
}

export async function listAttachmentsHandler(req: Request, res: Response): Promise<void> {
  res.json(await listAttachments(requireUser(req), paramsOf(req, ID_PARAMS).id));
}

export async function downloadAttachmentHandler(req: Request, res: Response): Promise<void> {
  const { id, attachmentId } = paramsOf(req, ATTACHMENT_PARAMS);
  const { attachment, content } = await openAttachment(requireUser(req), id, attachmentId);
  res
    .status(200)
    .type(attachment.contentType)
    .set('Content-Length', String(attachment.size))
    .attachment(attachment.filename);
  await pipeline(content, res);
}
