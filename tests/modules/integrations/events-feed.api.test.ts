import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { runCloseDays } from '../../../src/modules/attendance';
import { IntegrationEvent } from '../../../src/modules/integrations/integration-event.model';
import { recordIntegrationEvent } from '../../../src/modules/integrations/events.service';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { apiDriver } from '../../support/driver';
import type { Person } from '../../support/factories';
import { makeEmployee, makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
const driver = apiDriver(app);
let admin: Person;

beforeAll(async () => {
  setClockForTests('2026-11-23T10:00:00Z');
  admin = await makePerson('admin');
});
afterAll(() => setClockForTests(undefined));

interface FeedEvent {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}
interface Feed {
  data: FeedEvent[];
  next: string;
}

async function feed(after?: string, limit = 100): Promise<Feed> {
  const query = after === undefined ? `limit=${limit}` : `after=${after}&limit=${limit}`;
  return (await request(app).get(`/api/v1/events?${query}`).set(admin.auth).expect(200)).body as Feed;
}

async function readAll(pageSize: number, from?: string): Promise<{ events: FeedEvent[]; next: string }> {
  const events: FeedEvent[] = [];
  let cursor = from;
  for (;;) {
    const page = await feed(cursor, pageSize);
    events.push(...page.data);
    if (page.data.length === 0) return { events, next: page.next };
    cursor = page.next;
  }
}

describe('the events feed', () => {
  it('when employees and leave change then the feed lists each change once, in order, and pages by cursor without gaps', async () => {
    const start = (await readAll(100)).next;
    const person = await makePerson('employee', { employee: { managerId: admin.employee!.id } });
    const employeeId = person.employee!.id;
    await request(app)
      .patch(`/api/v1/employees/${employeeId}`)
      .set(admin.auth)
      .send({ phone: '+49 30 1234567' })
      .expect(200);
    const type = await makeLeaveType({ requiresApproval: true });
    const approved = await driver.submitLeave(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-07',
      endDate: '2026-12-08',
    });
    await request(app)
      .post(`/api/v1/leave-requests/${approved.id}/approve`)
      .set(admin.auth)
      .send({})
      .expect(200);
    const rejected = await driver.submitLeave(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-14',
      endDate: '2026-12-14',
    });
    await request(app)
      .post(`/api/v1/leave-requests/${rejected.id}/reject`)
      .set(admin.auth)
      .send({})
      .expect(200);
    await request(app)
      .post(`/api/v1/leave-requests/${approved.id}/cancel`)
      .set(admin.auth)
      .send({})
      .expect(200);
    await request(app).delete(`/api/v1/employees/${employeeId}`).set(admin.auth).expect(204);

    const { events } = await readAll(2, start);
    const mine = events.filter((e) => JSON.stringify(e.data).includes(employeeId));
    expect(mine.map((e) => e.type)).toEqual([
      'employee.created',
      'employee.updated',
      'leave.requested',
      'leave.approved',
      'leave.requested',
      'leave.rejected',
      'leave.cancelled',
      'employee.deactivated',
    ]);
    expect(mine[1]?.data).toMatchObject({ changed: ['phone'], employee: { id: employeeId } });
    expect(mine[3]?.data).toMatchObject({ requestId: approved.id, status: 'approved', days: 2 });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // Paging two at a time returns exactly what one big page returns.
    expect((await feed(start, 500)).data.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('when the same change is announced twice then it is recorded once, and the cursor numbers stay dense', async () => {
    const event = {
      key: 'test:twice',
      type: 'employee.updated' as const,
      occurredAt: new Date(),
      data: { n: 1 },
    };
    const results = await Promise.all([recordIntegrationEvent(event), recordIntegrationEvent(event)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        recordIntegrationEvent({ ...event, key: `test:race:${i}`, data: { n: i } }),
      ),
    );
    const seqs = (await IntegrationEvent.find({}, { seq: 1 }).sort({ seq: 1 }).lean()).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('when another instance wrote the next number, or the events were removed, then the next event still takes the highest stored one plus one', async () => {
    const event = { type: 'employee.updated' as const, occurredAt: new Date(), data: {} };
    await recordIntegrationEvent({ ...event, key: 'test:mine:1' });
    const highest = async () =>
      (await IntegrationEvent.findOne({}, { seq: 1 }).sort({ seq: -1 }).lean())?.seq ?? 0;
    const mine = await highest();
    // Another API instance stores the next number behind this process's back.
    await IntegrationEvent.create({ ...event, key: 'test:other', seq: mine + 1 });
    await recordIntegrationEvent({ ...event, key: 'test:mine:2' });
    expect((await IntegrationEvent.findOne({ key: 'test:mine:2' }).lean())?.seq).toBe(mine + 2);
    // After the outbox is emptied, numbering starts again at 1 instead of continuing a remembered one.
    await IntegrationEvent.deleteMany({});
    await recordIntegrationEvent({ ...event, key: 'test:mine:3' });
    expect((await IntegrationEvent.findOne({ key: 'test:mine:3' }).lean())?.seq).toBe(1);
  });

  it('when the close-day job runs twice then each closed day is one attendance.day_closed event', async () => {
    const employee = await makeEmployee({ hireDate: '2026-01-01' });
    await runCloseDays('2026-11-23');
    await runCloseDays('2026-11-23');
    const closed = await IntegrationEvent.find({
      type: 'attendance.day_closed',
      'data.employeeId': employee.id,
    }).lean();
    expect(closed.map((e) => (e.data as { date: string }).date).sort()).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    const friday = closed.find((e) => (e.data as { date: string }).date === '2026-11-20');
    expect(friday?.data).toMatchObject({ day: { status: 'absent' } });
  });

  it('when approved leave is amended and a payroll period is closed, reopened and closed again then the feed says so', async () => {
    const start = (await readAll(100)).next;
    const person = await makePerson('employee', { employee: { managerId: admin.employee!.id } });
    const type = await makeLeaveType({ requiresApproval: true });
    const leave = await driver.approvedLeave(person, admin, {
      leaveTypeId: type.id,
      startDate: '2026-12-07',
      endDate: '2026-12-09',
    });
    await request(app)
      .post(`/api/v1/leave-requests/${leave.id}/amend`)
      .set(person.auth)
      .send({ startDate: '2026-12-07', endDate: '2026-12-08', reason: 'Back early' })
      .expect(200);
    const period = await request(app)
      .post('/api/v1/payroll-periods')
      .set(admin.auth)
      .send({ from: '2026-10-01', to: '2026-10-31' })
      .expect(201);
    const periodId = period.body.id as string;
    await request(app)
      .post(`/api/v1/payroll-periods/${periodId}/reopen`)
      .set(admin.auth)
      .send({ reason: 'Late sick note' })
      .expect(200);
    await request(app).post(`/api/v1/payroll-periods/${periodId}/close`).set(admin.auth).send({}).expect(200);

    const { events } = await readAll(100, start);
    const amended = events.filter((e) => e.type === 'leave.amended');
    expect(amended).toHaveLength(1);
    expect(amended[0]?.data).toMatchObject({ request: { id: leave.id, endDate: '2026-12-08', days: 2 } });
    expect(
      events
        .filter((e) => e.type.startsWith('period.') && JSON.stringify(e.data).includes(periodId))
        .map((e) => e.type),
    ).toEqual(['period.closed', 'period.reopened', 'period.closed']);
  });

  it('when a non-admin reads the feed then 403, and a malformed cursor is 400 naming after', async () => {
    const employee = await makePerson('employee');
    await request(app).get('/api/v1/events').set(employee.auth).expect(403);
    const res = await request(app).get('/api/v1/events?after=abc').set(admin.auth).expect(400);
    expect(JSON.stringify(res.body)).toContain('after');
  });
});
