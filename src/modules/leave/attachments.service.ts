import type { Readable } from 'node:stream';
import { ConflictError, NotFoundError, UnsupportedMediaTypeError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../employees';
import type { AttachmentType } from './attachment-content';
import { claimedAttachmentType, cleanFilename, sniffAttachmentType } from './attachment-content';
import type { StoredAttachment } from './attachment-storage';
import { attachmentsOf, findAttachment, readAttachment, storeAttachment } from './attachment-storage';
import type { AttachmentDto } from './attachments.schemas';
import { getLeaveRequest } from './leave-request-queries.service';

/**
 * Supporting documents of a leave request. Whoever may see the request (the employee, their managers,
 * admins) may add and read its files; outside that scope the request, and so its files, are 404.
 */
const MAX_ATTACHMENTS_PER_REQUEST = 10;
const OPEN_STATUSES = new Set(['pending', 'approved']);

function toDto(a: StoredAttachment): AttachmentDto {
  return {
    id: a._id.toHexString(),
    leaveRequestId: a.metadata?.leaveRequestId.toHexString() ?? '',
    filename: a.filename,
    contentType: a.metadata?.contentType ?? 'application/pdf',
    size: a.length,
    uploadedBy: a.metadata?.uploadedBy ?? '',
    uploadedAt: a.uploadDate.toISOString(),
  };
}

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/** The type comes from the content; a file whose name or type claims something else is refused. */
function checkedType(file: UploadedFile): AttachmentType {
  const actual = sniffAttachmentType(file.buffer);
  const claimed = claimedAttachmentType(file.originalname, file.mimetype);
  if (!actual) {
    throw new UnsupportedMediaTypeError(
      claimed
        ? `The file claims to be ${claimed} but its content is not; only PDF, PNG and JPEG files are accepted`
        : 'Only PDF, PNG and JPEG files are accepted (judged by their content)',
    );
  }
  if (claimed && claimed !== actual) {
    throw new UnsupportedMediaTypeError(`The file claims to be ${claimed} but its content is ${actual}`);
  }
  return actual;
}

export async function addAttachment(
  actor: Actor,
  requestId: string,
  file: UploadedFile,
): Promise<AttachmentDto> {
  const request = await getLeaveRequest(actor, requestId);
  if (!OPEN_STATUSES.has(request.status)) {
    throw new ConflictError(
      `The request is ${request.status}; documents are added to pending or approved requests`,
    );
  }
  const contentType = checkedType(file);
  if ((await attachmentsOf(requestId)).length >= MAX_ATTACHMENTS_PER_REQUEST) {
    throw new ConflictError(`A request holds at most ${MAX_ATTACHMENTS_PER_REQUEST} documents`);
  }
  const stored = await storeAttachment(file.buffer, cleanFilename(file.originalname), {
    leaveRequestId: requestId,
    employeeId: request.employeeId,
    contentType,
    uploadedBy: actor.id,
  });
  const dto = toDto(stored);
  await recordAudit({
    action: 'leave_request.attachment_add',
    entityType: 'LeaveRequest',
    entityId: requestId,
    after: dto,
  });
  return dto;
}

export async function listAttachments(actor: Actor, requestId: string): Promise<AttachmentDto[]> {
  await getLeaveRequest(actor, requestId);
  return (await attachmentsOf(requestId)).map(toDto);
}

export async function openAttachment(
  actor: Actor,
  requestId: string,
  attachmentId: string,
): Promise<{ attachment: AttachmentDto; content: Readable }> {
  await getLeaveRequest(actor, requestId);
  const stored = await findAttachment(requestId, attachmentId);
  if (!stored) throw new NotFoundError('Attachment not found');
  return { attachment: toDto(stored), content: readAttachment(stored._id) };
}
