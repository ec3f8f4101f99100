import mongoose from 'mongoose';
import type { InvariantReport } from '../../lib/invariants';
import { OutboxEmail } from './outbox-email.model';

const OVERDUE_MS = 60 * 60 * 1000;

/**
 * Each mail sent at most once (no email accepted by SMTP twice) and eventually (nothing due for
 * more than an hour, nothing given up: those are warnings for the operator's outbox view).
 */
export async function checkOutboxInvariants(at = new Date()): Promise<InvariantReport> {
  const report: InvariantReport = { violations: [], warnings: [], checked: {} };
  report.checked.outboxEmails = await OutboxEmail.estimatedDocumentCount();
  const resent = await OutboxEmail.find({ sendCount: mongoose.trusted({ $gt: 1 }) }, { key: 1, sendCount: 1 })
    .limit(100)
    .lean();
  for (const e of resent)
    report.violations.push({
      invariant: 'each mail sent at most once',
      entity: `OutboxEmail ${e._id.toHexString()}`,
      detail: `accepted by SMTP ${e.sendCount} times (a crash between acceptance and the sent mark)`,
    });
  const failed = await OutboxEmail.countDocuments({ status: 'failed' });
  if (failed > 0)
    report.warnings.push({ check: 'outbox', detail: `${failed} emails gave up (GET /admin/outbox)` });
  const overdue = await OutboxEmail.countDocuments({
    status: 'pending',
    nextAttemptAt: mongoose.trusted({ $lt: new Date(at.getTime() - OVERDUE_MS) }),
  });
  if (overdue > 0)
    report.warnings.push({
      check: 'outbox',
      detail: `${overdue} emails overdue by more than an hour: is a pump running?`,
    });
  return report;
}
