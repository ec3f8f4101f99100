import { Types } from 'mongoose';
import { diffChanges, listAuditForEntity, recordAudit, REDACTED } from '../../../src/modules/audit';
import { runWithContext } from '../../../src/lib/request-context';
import { useTestDatabase } from '../../support/database';

useTestDatabase();

describe('audit diff', () => {
  it('when fields change then only they appear with from and to', () => {
    const id = new Types.ObjectId();
    const changes = diffChanges(
      {
        _id: id,
        name: 'Ada',
        phone: '1',
        managerId: id,
        hireDate: new Date('2024-01-02T00:00:00Z'),
        updatedAt: new Date(1),
      },
      {
        _id: id,
        name: 'Ada',
        phone: '2',
        managerId: null,
        hireDate: new Date('2024-01-02T00:00:00Z'),
        updatedAt: new Date(2),
      },
    );
    expect(changes).toEqual({
      phone: { from: '1', to: '2' },
      managerId: { from: id.toHexString(), to: null },
    });
  });

  it('when creating or deleting then the missing side is absent', () => {
    expect(diffChanges(null, { status: 'active' })).toEqual({ status: { to: 'active' } });
    expect(diffChanges({ status: 'active' }, undefined)).toEqual({ status: { from: 'active' } });
  });

  it('when nested objects change then they are compared by value', () => {
    expect(diffChanges({ schedule: { start: '09:00' } }, { schedule: { start: '09:00' } })).toEqual({});
    expect(diffChanges({ schedule: { start: '09:00' } }, { schedule: { start: '10:00' } })).toEqual({
      schedule: { from: { start: '09:00' }, to: { start: '10:00' } },
    });
  });

  it('when secrets change then the change is recorded but both values are redacted, at any depth', () => {
    const changes = diffChanges(
      { passwordHash: '$2b$12$old', apiKey: 'k1', profile: { refreshToken: 't1', city: 'Oslo' } },
      { passwordHash: '$2b$12$new', apiKey: 'k2', profile: { refreshToken: 't2', city: 'Oslo' } },
    );
    expect(changes.passwordHash).toEqual({ from: REDACTED, to: REDACTED });
    expect(changes.apiKey).toEqual({ from: REDACTED, to: REDACTED });
    expect(JSON.stringify(changes)).not.toMatch(/\$2b|k1|k2|t1|t2/);
  });
});

describe('audit writer', () => {
  it('when recording inside a request then actor, request id and ip come from the context', async () => {
    const entityId = new Types.ObjectId().toHexString();
    await runWithContext(
      { requestId: 'req-9', ip: '203.0.113.7', actor: { kind: 'user', id: 'u1', role: 'admin' } },
      () =>
        recordAudit({
          action: 'employee.update',
          entityType: 'Employee',
          entityId,
          before: { phone: '1', password: 'hunter2' },
          after: { phone: '2', password: 'hunter3' },
          metadata: { reason: 'typo', token: 'abc' },
        }),
    );
    const [entry] = await listAuditForEntity('Employee', entityId);
    expect(entry).toMatchObject({
      actor: { kind: 'user', id: 'u1', role: 'admin' },
      action: 'employee.update',
      requestId: 'req-9',
      ip: '203.0.113.7',
      changes: { phone: { from: '1', to: '2' }, password: { from: REDACTED, to: REDACTED } },
      metadata: { reason: 'typo', token: REDACTED },
    });
    expect(JSON.stringify(entry)).not.toMatch(/hunter|abc/);
  });

  it('when a job records without a request then the given system actor is stored', async () => {
    await recordAudit({
      action: 'job.run',
      entityType: 'Job',
      entityId: 'accrual',
      actor: { kind: 'system', id: 'accrual' },
    });
    const [entry] = await listAuditForEntity('Job', 'accrual');
    expect(entry?.actor).toEqual({ kind: 'system', id: 'accrual' });
    expect(entry?.requestId).toBeUndefined();
  });
});
