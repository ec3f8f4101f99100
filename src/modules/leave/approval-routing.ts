import mongoose, { Types } from 'mongoose';
import { todayIn } from '../../lib/dates';
import { delegateOf } from '../approvals';
import type { EmployeeDto } from '../employees';
import { findDepartment, findEmployeeProfile } from '../employees';
import type { StoredApproval } from './approval-steps';
import type { ApproverKind } from './leave-type.model';
import { LeaveRequest } from './leave-request.model';

/**
 * Who is asked to decide a step. The manager step goes to the employee's manager, the
 * department_head step to their department's head (the manager when there is none, or when the
 * head is the employee), the admin step to the admins. An approver away on approved leave without
 * a delegate is passed over for their own manager, up the line, or the admins at the top.
 */

/** How far up the line rerouting goes before the admins take it (a whole management chain away). */
const MAX_REROUTES = 5;

export interface StepAssignment {
  assignedTo?: Types.ObjectId;
  reroutedFrom?: Types.ObjectId;
}

async function firstAsked(employee: EmployeeDto, approver: ApproverKind): Promise<string | undefined> {
  if (approver === 'admin') return undefined;
  if (approver === 'department_head' && employee.departmentId) {
    const head = (await findDepartment(employee.departmentId))?.headId;
    if (head && head !== employee.id) return head;
  }
  return employee.managerId ?? undefined;
}

async function isOnApprovedLeave(employeeId: string, date: string): Promise<boolean> {
  const found = await LeaveRequest.exists({
    employeeId: new Types.ObjectId(employeeId),
    status: 'approved',
    startDate: mongoose.trusted({ $lte: date }),
    endDate: mongoose.trusted({ $gte: date }),
  });
  return found !== null;
}

/** The approver of a step starting now, passing over anyone away without a stand-in. */
export async function assignStep(employee: EmployeeDto, approver: ApproverKind): Promise<StepAssignment> {
  let asked = await firstAsked(employee, approver);
  let reroutedFrom: string | undefined;
  for (let hops = 0; asked && hops <= MAX_REROUTES; hops++) {
    const person = await findEmployeeProfile(asked);
    if (!person || person.status !== 'active') break;
    const today = todayIn(person.timezone);
    if ((await delegateOf(asked, today)) || !(await isOnApprovedLeave(asked, today))) break;
    reroutedFrom ??= asked;
    const above: string | null = person.managerId;
    asked = above && above !== employee.id && hops < MAX_REROUTES ? above : undefined;
  }
  return {
    ...(asked ? { assignedTo: new Types.ObjectId(asked) } : {}),
    ...(reroutedFrom ? { reroutedFrom: new Types.ObjectId(reroutedFrom) } : {}),
  };
}

/** A step as it starts: pending, asked of its approver from now. */
export async function startStep(
  employee: EmployeeDto,
  step: number,
  approver: ApproverKind,
  at: Date,
): Promise<StoredApproval> {
  return { step, approver, status: 'pending', startedAt: at, ...(await assignStep(employee, approver)) };
}

/** The steps of a new request: the first started, the rest waiting their turn. */
export async function planApprovals(
  employee: EmployeeDto,
  approvers: ApproverKind[],
  at: Date,
): Promise<StoredApproval[]> {
  const [first, ...rest] = approvers;
  if (!first) return [];
  return [
    await startStep(employee, 1, first, at),
    ...rest.map((approver, i): StoredApproval => ({ step: i + 2, approver, status: 'waiting' })),
  ];
}

/** The next level above a step's approver: their manager, or the admins (undefined). */
export async function nextLevelAbove(
  approval: StoredApproval,
  employee: EmployeeDto,
): Promise<string | undefined> {
  if (!approval.assignedTo) return undefined;
  const approver = await findEmployeeProfile(approval.assignedTo.toHexString());
  const above = approver?.managerId;
  return above && above !== employee.id ? above : undefined;
}
