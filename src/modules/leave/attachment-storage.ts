import type { Readable } from 'node:stream';
import mongoose, { Types } from 'mongoose';
import type { AttachmentType } from './attachment-content';

/**
 * Attachments live in MongoDB GridFS (bucket `leaveAttachments`), not on a local disk, so every
 * instance serves every file. The GridFS file document is the record: its metadata names the leave
 * request, the employee (so their files can be removed with them) and the checked content type. It
 * is written after the last chunk, so a file appears whole or not at all.
 */
const BUCKET = 'leaveAttachments';

export interface StoredAttachment {
  _id: Types.ObjectId;
  filename: string;
  length: number;
  uploadDate: Date;
  metadata?: {
    leaveRequestId: Types.ObjectId;
    employeeId: Types.ObjectId;
    contentType: AttachmentType;
    uploadedBy: string;
  };
}

function bucket(): mongoose.mongo.GridFSBucket {
  const db = mongoose.connection.db;
  if (!db) throw new Error('The database is not connected');
  return new mongoose.mongo.GridFSBucket(db, { bucketName: BUCKET });
}

export async function storeAttachment(
  content: Buffer,
  filename: string,
  metadata: { leaveRequestId: string; employeeId: string; contentType: AttachmentType; uploadedBy: string },
): Promise<StoredAttachment> {
  const upload = bucket().openUploadStream(filename, {
    metadata: {
      ...metadata,
      leaveRequestId: new Types.ObjectId(metadata.leaveRequestId),
      employeeId: new Types.ObjectId(metadata.employeeId),
    },
  });
  await new Promise<void>((resolve, reject) => {
    upload.once('finish', () => resolve());
    upload.once('error', reject);
    upload.end(content);
  });
  const stored = await findAttachment(metadata.leaveRequestId, upload.id.toHexString());
  if (!stored) throw new Error('The stored attachment could not be read back');
  return stored;
}

export async function attachmentsOf(leaveRequestId: string): Promise<StoredAttachment[]> {
  return bucket()
    .find({ 'metadata.leaveRequestId': new Types.ObjectId(leaveRequestId) })
    .sort({ uploadDate: 1 })
    .toArray() as Promise<StoredAttachment[]>;
}

export async function hasAttachments(leaveRequestId: string): Promise<boolean> {
  const found = await bucket()
    .find({ 'metadata.leaveRequestId': new Types.ObjectId(leaveRequestId) })
    .limit(1)
    .toArray();
  return found.length > 0;
}

export async function findAttachment(
  leaveRequestId: string,
  id: string,
): Promise<StoredAttachment | undefined> {
  const [found] = await bucket()
    .find({ _id: new Types.ObjectId(id), 'metadata.leaveRequestId': new Types.ObjectId(leaveRequestId) })
    .toArray();
  return found as StoredAttachment | undefined;
}

export function readAttachment(id: Types.ObjectId): Readable {
  return bucket().openDownloadStream(id);
}

/** Removes every file of an employee (GridFS deletes the file document, then its chunks). */
export async function deleteAttachmentsOfEmployee(employeeId: string): Promise<number> {
  const files = await bucket()
    .find({ 'metadata.employeeId': new Types.ObjectId(employeeId) })
    .toArray();
  for (const file of files) await bucket().delete(file._id);
  return files.length;
}
