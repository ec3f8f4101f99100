import { approvalsOf, stepsForRequest } from '../../../src/modules/leave/approval-steps';

describe('the steps a request goes through', () => {
  const steps = [
    { approver: 'manager' as const },
    { approver: 'department_head' as const, minDays: 3 },
    { approver: 'admin' as const, minDays: 6 },
  ];

  it.each([
    [1, ['manager']],
    [3, ['manager', 'department_head']],
    [5.5, ['manager', 'department_head']],
    [6, ['manager', 'department_head', 'admin']],
  ])('when the request counts %p days then the steps are %p', (days, expected) => {
    expect(stepsForRequest(steps, days)).toEqual(expected);
  });

  it('when every step has a threshold the request misses then the manager decides it', () => {
    expect(stepsForRequest([{ approver: 'admin', minDays: 10 }], 2)).toEqual(['manager']);
  });

  it('when a request is from before steps then it reads as one manager step in its state', () => {
    const decidedAt = new Date('2026-11-23T10:00:00Z');
    expect(approvalsOf({ status: 'pending' })).toMatchObject([
      { step: 1, approver: 'manager', status: 'pending' },
    ]);
    expect(approvalsOf({ status: 'approved', decidedBy: 'u1', decidedAt })).toMatchObject([
      { status: 'approved', decidedBy: 'u1', decidedAt },
    ]);
    expect(approvalsOf({ status: 'cancelled' })).toMatchObject([{ status: 'skipped' }]);
    expect(approvalsOf({ status: 'approved', decidedBy: 'system:auto-approve' })).toEqual([]);
  });
});
