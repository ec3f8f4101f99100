import request from 'supertest';
import { setClockForTests } from '../../src/lib/clock';
import { entityTag } from '../../src/lib/entity-tag';
import { AuditLog } from '../../src/modules/audit/audit-log.model';
import { buildApp } from '../../src/app';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import type { Person } from '../support/factories';
import { makeOrganisation, makePerson } from '../support/factories';
import { makeLeaveType } from '../support/leave-factories';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

const STRONG = /^"[A-Za-z0-9_-]{27}"$/;

async function read(who: Person, path: string) {
  const res = await request(app).get(path).set(who.auth).expect(200);
  return { tag: res.headers.etag as string, body: res.body as Record<string, unknown> };
}

describe('ETag on single records', () => {
  it('when an employee is read and written then GET and the write answer carry the same strong tag for the same representation', async () => {
    const admin = await makePerson('admin');
    const created = await request(app)
      .post('/api/v1/employees')
      .set(admin.auth)
      .send({
        employeeCode: 'E-TAG1',
        firstName: 'Ada',
        lastName: 'Tag',
        email: 'ada.tag@example.com',
        hireDate: '2024-01-08',
      })
      .expect(201);
    expect(created.headers.etag).toMatch(STRONG);
    const path = `/api/v1/employees/${created.body.id}`;
    const first = await read(admin, path);
    expect(first.tag).toBe(created.headers.etag);
    expect(first.tag).toBe(entityTag(first.body));
    const patched = await request(app).patch(path).set(admin.auth).send({ position: 'Engineer' }).expect(200);
    expect(patched.headers.etag).toMatch(STRONG);
    expect(patched.headers.etag).not.toBe(first.tag);
    expect((await read(admin, path)).tag).toBe(patched.headers.etag);
  });

  it('when a GET sends the current tag as If-None-Match then 304', async () => {
    const admin = await makePerson('admin');
    const type = await makeLeaveType();
    const { tag } = await read(admin, `/api/v1/leave-types/${type.id}`);
    await request(app)
      .get(`/api/v1/leave-types/${type.id}`)
      .set(admin.auth)
      .set('If-None-Match', tag)
      .expect(304);
  });
});

describe('If-Match on employees', () => {
  it('when two admins edit the same employee then the second, holding the old tag, gets 412 naming If-Match and nothing changes', async () => {
    const org = await makeOrganisation();
    const path = `/api/v1/employees/${org.direct.employee!.id}`;
    const { tag } = await read(org.admin, path);
    await request(app)
      .patch(path)
      .set(org.admin.auth)
      .set('If-Match', tag)
      .send({ position: 'Lead' })
      .expect(200);
    const stale = await request(app)
      .patch(path)
      .set(org.admin.auth)
      .set('If-Match', tag)
      .send({ position: 'Intern' })
      .expect(412);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    expect((await read(org.admin, path)).body.position).toBe('Lead');
    expect(
      await AuditLog.countDocuments({ action: 'employee.update', entityId: org.direct.employee!.id }),
    ).toBe(1);
  });

  it('when the tag is current, or *, or absent then the write goes ahead', async () => {
    const org = await makeOrganisation();
    const path = `/api/v1/employees/${org.direct.employee!.id}`;
    const { tag } = await read(org.admin, path);
    const res = await request(app)
      .patch(path)
      .set(org.admin.auth)
      .set('If-Match', `"nope", ${tag}`)
      .send({ position: 'A' })
      .expect(200);
    await request(app)
      .patch(path)
      .set(org.admin.auth)
      .set('If-Match', '*')
      .send({ position: 'B' })
      .expect(200);
    await request(app).patch(path).set(org.admin.auth).send({ position: 'C' }).expect(200);
    expect(res.body.position).toBe('A');
  });

  it('when a weak form of the current tag or garbage is sent then 412 (If-Match compares strongly)', async () => {
    const org = await makeOrganisation();
    const path = `/api/v1/employees/${org.direct.employee!.id}`;
    const { tag } = await read(org.admin, path);
    await request(app)
      .patch(path)
      .set(org.admin.auth)
      .set('If-Match', `W/${tag}`)
      .send({ position: 'X' })
      .expect(412);
    await request(app)
      .patch(path)
      .set(org.admin.auth)
      .set('If-Match', 'garbage')
      .send({ position: 'X' })
      .expect(412);
    expect((await read(org.admin, path)).tag).toBe(tag);
  });

  it('when an employee is deactivated with a stale tag then 412 and they stay active', async () => {
    const org = await makeOrganisation();
    const path = `/api/v1/employees/${org.direct.employee!.id}`;
    const { tag } = await read(org.admin, path);
    await request(app).patch(path).set(org.admin.auth).send({ position: 'Moved' }).expect(200);
    await request(app).delete(path).set(org.admin.auth).set('If-Match', tag).expect(412);
    expect((await read(org.admin, path)).body.status).toBe('active');
    const fresh = await read(org.admin, path);
    await request(app).delete(path).set(org.admin.auth).set('If-Match', fresh.tag).expect(204);
  });
});

describe('If-Match on leave types', () => {
  it('when a leave type is updated or deleted with a stale tag then 412 and nothing changes', async () => {
    const admin = await makePerson('admin');
    const type = await makeLeaveType({ annualEntitlement: 20 });
    const path = `/api/v1/leave-types/${type.id}`;
    const { tag } = await read(admin, path);
    const updated = await request(app)
      .patch(path)
      .set(admin.auth)
      .set('If-Match', tag)
      .send({ annualEntitlement: 22 })
      .expect(200);
    await request(app)
      .patch(path)
      .set(admin.auth)
      .set('If-Match', tag)
      .send({ annualEntitlement: 30 })
      .expect(412);
    await request(app).delete(path).set(admin.auth).set('If-Match', tag).expect(412);
    expect((await read(admin, path)).body.annualEntitlement).toBe(22);
    await request(app)
      .delete(path)
      .set(admin.auth)
      .set('If-Match', updated.headers.etag as string)
      .expect(204);
    await request(app).get(path).set(admin.auth).expect(404);
  });
});

describe('If-Match on leave requests', () => {
  async function pendingRequest() {
    const org = await makeOrganisation();
    const type = await makeLeaveType({ annualEntitlement: 10 });
    const res = await request(app)
      .post('/api/v1/leave-requests')
      .set(org.direct.auth)
      .send({ leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-09' })
      .expect(201);
    expect(res.headers.etag).toMatch(STRONG);
    return { org, id: res.body.id as string, path: `/api/v1/leave-requests/${res.body.id}`, created: res };
  }

  it('when the request was edited after it was read then approving, editing or cancelling with the old tag is 412 and nothing changes', async () => {
    const { org, path, created } = await pendingRequest();
    const { tag } = await read(org.direct, path);
    expect(tag).toBe(created.headers.etag);
    const edited = await request(app)
      .patch(path)
      .set(org.direct.auth)
      .set('If-Match', tag)
      .send({ endDate: '2026-12-08' })
      .expect(200);
    await request(app).post(`${path}/approve`).set(org.manager.auth).set('If-Match', tag).expect(412);
    await request(app)
      .patch(path)
      .set(org.direct.auth)
      .set('If-Match', tag)
      .send({ endDate: '2026-12-10' })
      .expect(412);
    await request(app).post(`${path}/cancel`).set(org.direct.auth).set('If-Match', tag).expect(412);
    const now = await read(org.direct, path);
    expect(now.body).toMatchObject({ status: 'pending', endDate: '2026-12-08', version: 1 });
    expect(now.tag).toBe(edited.headers.etag);
    const approved = await request(app)
      .post(`${path}/approve`)
      .set(org.manager.auth)
      .set('If-Match', now.tag)
      .expect(200);
    expect(approved.headers.etag).toBe((await read(org.direct, path)).tag);
  });

  it('when an approved request is amended with a stale tag then 412 and it stays as it was', async () => {
    const { org, path } = await pendingRequest();
    const { tag } = await read(org.direct, path);
    await request(app).post(`${path}/approve`).set(org.manager.auth).expect(200);
    const body = { startDate: '2026-12-07', endDate: '2026-12-07', reason: 'Shorter' };
    const stale = await request(app)
      .post(`${path}/amend`)
      .set(org.direct.auth)
      .set('If-Match', tag)
      .send(body)
      .expect(412);
    expect(stale.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    expect((await read(org.direct, path)).body).toMatchObject({ endDate: '2026-12-09', amendments: [] });
    const fresh = await read(org.direct, path);
    await request(app)
      .post(`${path}/amend`)
      .set(org.direct.auth)
      .set('If-Match', fresh.tag)
      .send(body)
      .expect(200);
  });
});

describe('the OpenAPI document', () => {
  const { document } = buildApp();
  const operations = Object.values(document.paths).flatMap((item) =>
    Object.values(
      item as Record<
        string,
        { operationId?: string; parameters?: Array<{ name?: string }>; responses: Record<string, unknown> }
      >,
    ),
  );
  const find = (id: string) => operations.find((o) => o.operationId === id)!;

  it.each([
    'updateEmployee',
    'deactivateEmployee',
    'updateLeaveType',
    'deleteLeaveType',
    'updateLeaveRequest',
    'amendLeaveRequest',
    'approveLeaveAmendment',
    'rejectLeaveAmendment',
    'approveLeaveRequest',
    'rejectLeaveRequest',
    'cancelLeaveRequest',
  ])('when %s is described then it takes If-Match and may answer 412', (id) => {
    const operation = find(id);
    expect(operation.parameters?.map((p) => p.name)).toContain('If-Match');
    expect(operation.responses['412']).toBeDefined();
  });

  it('when the amendment POSTs are described then they take Idempotency-Key like creating POSTs', () => {
    for (const id of ['amendLeaveRequest', 'approveLeaveAmendment', 'rejectLeaveAmendment'])
      expect(find(id).parameters?.map((p) => p.name)).toContain('Idempotency-Key');
    expect(find('getLeaveRequest').parameters?.map((p) => p.name)).not.toContain('If-Match');
  });
});
