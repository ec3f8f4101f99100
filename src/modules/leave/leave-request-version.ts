import mongoose from 'mongoose';
import type { IfMatch } from '../../lib/entity-tag';
import type { StoredRequest } from './leave-request-dto';

/**
 * The filter of a write that must find a leave request exactly as it was read: same version (edits,
 * amendments, decisions, cancellations and recounts each add one) and, when the client sent
 * If-Match, same `updatedAt`. Exactly one of several racing writers matches it.
 */
export function unchangedSince(r: Pick<StoredRequest, '_id' | 'version' | 'updatedAt'>, ifMatch?: IfMatch) {
  return {
    _id: r._id,
    // Requests stored before versions existed have none: they are at version 0.
    version: r.version ? r.version : mongoose.trusted({ $in: [0, null] }),
    ...(ifMatch === undefined ? {} : { updatedAt: r.updatedAt }),
  };
}

export const nextVersion = (r: Pick<StoredRequest, 'version'>) => (r.version ?? 0) + 1;
