import { BusinessRuleError } from '../../lib/errors';
import { hasAttachments } from './attachment-storage';
import type { LeaveTypeDto } from './leave-types.schemas';

/**
 * A leave type with `attachmentRequiredAfterDays: N` needs a supporting document (a sick note) for
 * requests longer than N days before they are approved. A request is approved either by a decision
 * (checked then) or at once on submission for types that need no approval: such a request cannot
 * carry a document yet, so beyond N days it is refused at submission.
 */
function needsAttachment(type: Pick<LeaveTypeDto, 'attachmentRequiredAfterDays'>, days: number): boolean {
  const limit = type.attachmentRequiredAfterDays;
  return limit !== null && limit !== undefined && days > limit;
}

function refusal(type: Pick<LeaveTypeDto, 'name' | 'attachmentRequiredAfterDays'>, detail: string) {
  return new BusinessRuleError(
    `${type.name} longer than ${type.attachmentRequiredAfterDays} day(s) needs a supporting document; ${detail}`,
    { errors: [{ field: 'attachments', message: 'a supporting document is required' }] },
  );
}

/** Hook at submission: only requests approved at once are judged here. */
export function assertAttachmentPossibleAtSubmit(
  type: LeaveTypeDto,
  days: number,
  approvedAtOnce: boolean,
): void {
  if (approvedAtOnce && needsAttachment(type, days)) {
    throw refusal(
      type,
      'this type is approved at once, so the document cannot be attached first: ask an admin to make the type require approval',
    );
  }
}

/** Hook at approval: the request must carry a document by then. */
export async function assertAttachmentBeforeApproval(
  type: LeaveTypeDto | undefined,
  requestId: string,
  days: number,
): Promise<void> {
  if (!type || !needsAttachment(type, days) || (await hasAttachments(requestId))) return;
  throw refusal(type, 'upload it with POST /leave-requests/{id}/attachments, then approve');
}
