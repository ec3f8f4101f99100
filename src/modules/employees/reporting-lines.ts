import mongoose, { Types } from 'mongoose';
import { BusinessRuleError, unknownReference } from '../../lib/errors';
import { Employee } from './employee.model';

/**
 * The longest reporting line the service keeps. Writes refuse a manager change that would make a
 * line longer, so reading a manager's reports level by level never stops short of the real tree.
 */
export const MAX_REPORTING_DEPTH = 50;

type ManagerLink = { _id: Types.ObjectId; managerId?: Types.ObjectId | null };

/**
 * A manager may not end up reporting to themself, directly or through others, and no line may grow
 * beyond MAX_REPORTING_DEPTH.
 */
export async function assertNoReportingCycle(
  employeeId: Types.ObjectId | undefined,
  managerId: string,
): Promise<void> {
  if (employeeId?.toHexString() === managerId) {
    throw new BusinessRuleError('An employee cannot be their own manager', {
      errors: [{ field: 'managerId', message: 'is the employee' }],
    });
  }
  let cursor: Types.ObjectId | undefined = new Types.ObjectId(managerId);
  for (let depth = 0; cursor; depth++) {
    if (depth >= MAX_REPORTING_DEPTH) {
      throw new BusinessRuleError(`Reporting lines are limited to ${MAX_REPORTING_DEPTH} levels`, {
        errors: [
          { field: 'managerId', message: `would make a reporting line longer than ${MAX_REPORTING_DEPTH}` },
        ],
      });
    }
    const manager: ManagerLink | null = await Employee.findById(cursor, { managerId: 1 }).lean<ManagerLink>();
    if (!manager) {
      if (depth === 0) throw unknownReference('managerId', 'employee');
      return;
    }
    if (employeeId && manager.managerId?.equals(employeeId)) {
      throw new BusinessRuleError(
        'This manager reports to the employee; the change would create a reporting cycle',
        { errors: [{ field: 'managerId', message: 'would create a reporting cycle' }] },
      );
    }
    cursor = manager.managerId ?? undefined;
  }
}

/** Direct and indirect reports, one query per level of the hierarchy. */
export async function findReportIds(managerId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const seen = new Set<string>([managerId.toHexString()]);
  const reports: Types.ObjectId[] = [];
  let frontier = [managerId];
  for (let depth = 0; depth < MAX_REPORTING_DEPTH && frontier.length > 0; depth++) {
    const level = await Employee.find({ managerId: mongoose.trusted({ $in: frontier }) }, { _id: 1 }).lean();
    frontier = level.map((e) => e._id).filter((id) => !seen.has(id.toHexString()));
    for (const id of frontier) {
      seen.add(id.toHexString());
      reports.push(id);
    }
  }
  return reports;
}
