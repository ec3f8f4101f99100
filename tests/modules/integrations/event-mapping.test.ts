import { decisionEvent, eventsForChange } from '../../../src/modules/integrations/event-mapping';
import { retryDelayMs } from '../../../src/modules/integrations/deliveries.service';
import { sign } from '../../../src/modules/integrations/signature';

const at = new Date('2026-12-02T10:00:00Z');
const change = (action: string, before: object | undefined, after: object | undefined) => ({
  auditId: 'a1',
  action,
  entityType: 'Employee',
  entityId: 'e1',
  before,
  after,
  at,
});

describe('which changes integrations see', () => {
  it('when an employee is set inactive by an update then both employee.updated and employee.deactivated come out, with stable keys', () => {
    const before = { id: 'e1', status: 'active', phone: '1', updatedAt: '2026-12-01T00:00:00.000Z' };
    const after = {
      ...before,
      status: 'inactive',
      deactivatedAt: '2026-12-02T10:00:00.000Z',
      updatedAt: '2026-12-02T10:00:00.000Z',
    };
    const events = eventsForChange(change('employee.update', before, after));
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['employee.updated', 'employee.updated:e1:a1'],
      ['employee.deactivated', 'employee.deactivated:e1:2026-12-02T10:00:00.000Z'],
    ]);
    expect(events[0]?.data).toMatchObject({ changed: ['deactivatedAt', 'status'] });
  });

  it('when an import creates and then deactivates an employee then both events name the employee by id, each with its own key', () => {
    const created = eventsForChange(
      change('employee.create', undefined, { firstName: 'Dana', status: 'active' }),
    );
    expect(created[0]?.data).toEqual({ employee: { id: 'e1', firstName: 'Dana', status: 'active' } });
    const first = eventsForChange(change('employee.update', { status: 'active' }, { status: 'inactive' }));
    const second = eventsForChange({
      ...change('employee.update', { status: 'active' }, { status: 'inactive' }),
      auditId: 'a2',
    });
    expect(first[0]?.data).toMatchObject({ changed: ['status'] });
    expect(first[1]?.key).not.toBe(second[1]?.key);
  });

  it('when the audit entry is a sign-in or a setting then no event comes out', () => {
    expect(eventsForChange(change('auth.login', undefined, undefined))).toEqual([]);
    expect(eventsForChange(change('leave_type.update', {}, {}))).toEqual([]);
  });

  it('when a decision is pending or cancelled then it is no decision event', () => {
    const payload = {
      requestId: 'r1',
      employeeId: 'e1',
      leaveTypeName: 'A',
      startDate: '2026-12-01',
      endDate: '2026-12-01',
      days: 1,
    };
    expect(decisionEvent({ ...payload, status: 'approved' }, at)?.key).toBe('leave.approved:r1');
    expect(decisionEvent({ ...payload, status: 'rejected' }, at)?.key).toBe('leave.rejected:r1');
    expect(decisionEvent({ ...payload, status: 'pending' }, at)).toBeUndefined();
  });
});

describe('retries and signatures', () => {
  it('when attempts fail then each delay doubles within its jitter band and stops growing at three hours', () => {
    expect([1, 2, 3].map((n) => retryDelayMs(n, 1000, 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((n) => retryDelayMs(n, 1000, 1))).toEqual([1000, 2000, 4000]);
    expect(retryDelayMs(30, 30_000, 1)).toBe(3 * 3600 * 1000);
  });

  it('when signing then the result is the Standard Webhooks test vector', () => {
    // The example from the Standard Webhooks specification.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(sign(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });
});
