import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';
import { ATTACHMENT_TYPES } from './attachment-content';

/** Shapes of leave request attachments (sick notes): upload form, the stored file, the path. */
export const AttachmentUploadBody = s
  .object({
    file: s.file().describe('PDF, PNG or JPEG, decided by the content; at most ATTACHMENT_MAX_BYTES'),
  })
  .named('AttachmentUpload');

export const AttachmentShape = s
  .object({
    id: s.id(),
    leaveRequestId: s.id(),
    filename: s.str().example('sick-note.pdf'),
    contentType: s.enum(ATTACHMENT_TYPES),
    size: s.int({ min: 1 }).describe('Bytes'),
    uploadedBy: s.str(),
    uploadedAt: s.dateTime(),
  })
  .named('Attachment');
export type AttachmentDto = Infer<typeof AttachmentShape>;
export const AttachmentList = s.array(AttachmentShape, { max: 100 });

export const ATTACHMENT_PARAMS = s.object({ id: s.id(), attachmentId: s.id() });
