import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { setConfigForTests } from '../../src/config';
import type { RouteDefinition } from '../../src/http/routes';
import { setClockForTests } from '../../src/lib/clock';
import { emitDomainEvent } from '../../src/lib/domain-events';
import { AttendanceException } from '../../src/modules/attendance/attendance-exception.model';
import type { Role } from '../../src/modules/auth';
import { useTestDatabase } from '../support/database';
import type { Person } from '../support/factories';
import { PASSWORD, makePerson } from '../support/factories';
import { makeLeaveType } from '../support/leave-factories';
import { OutboxEmail } from '../../src/modules/notifications/outbox-email.model';
import { Delivery } from '../../src/modules/integrations/delivery.model';
import { Webhook } from '../../src/modules/integrations/webhook.model';

/**
 * The authorization matrix, generated from the route table. Every protected route is called
 * anonymously and as admin, manager (on a report two levels down, and on someone outside their
 * team) and employee (on themself and on someone else), with valid requests built fresh for each
 * cell so the only thing that differs is who asks about whom. The expected answer comes from the
 * route's roles (docs/permissions.md) and its ownership policy below:
 *
 * - allowed: a 2xx, and for lists and reports the subject's data is in the answer;
 * - refused by role: 403;
 * - out of scope: the route's documented answer: 404 where it documents one (every read of
 *   someone else's record: existence is never revealed), else 403; for lists and reports a 2xx
 *   without the subject's data. A scenario may name another status where the route documents it.
 */
type Policy =
  /** admin: anyone; manager: self and reports (direct and indirect); employee: self. */
  | 'team'
  /** admin: anyone; everyone else: only themself (e.g. a manager does not edit a report's phone). */
  | 'self-or-admin'
  /** Only the owner, admins included (a notification is its recipient's). */
  | 'own'
  /** Acts on the caller; there is no other subject. */
  | 'caller'
  /** Company data that belongs to no employee (departments, leave types, devices, audit). */
  | 'shared';

type Relation = 'self' | 'team' | 'other';

interface Call {
  path: string;
  query?: Record<string, string>;
  body?: object;
  /** For lists and reports: whether the answer includes the subject's data. */
  shows?: (body: unknown) => boolean;
  /** A CSV body (imports) instead of JSON. */
  csv?: string;
  /** A multipart body with one file (attachments) instead of JSON. */
  file?: { field: string; content: Buffer; filename: string };
}

interface Scenario {
  policy: Policy;
  build: (subject: Person) => Call | Promise<Call>;
  /** Cells that cannot exist for this route (e.g. a deactivated employee cannot sign in). */
  skip?: Relation[];
  /** The documented out-of-scope answer when it is not the default (see outOfScopeStatus). */
  outOfScope?: 403 | 404;
}

useTestDatabase();
// The admin files many requests on others' behalf here; the per-user submission limit has its own test.
setConfigForTests({ LEAVE_SUBMISSIONS_PER_HOUR: 10_000, WEBHOOK_ALLOW_PRIVATE: true });
const { app, routes } = buildApp();

const people = {} as {
  admin: Person;
  manager: Person;
  subManager: Person;
  otherManager: Person;
  peer: Person;
};
let leaveTypeId = '';
const unique = () => randomBytes(4).toString('hex');
let holidayDay = 0;

beforeAll(async () => {
  setClockForTests('2026-11-23T10:00:00Z'); // a Monday
  people.admin = await makePerson('admin');
  people.manager = await makePerson('manager');
  people.subManager = await makePerson('manager', { employee: { managerId: people.manager.employee!.id } });
  people.otherManager = await makePerson('manager');
  people.peer = await makePerson('employee', { employee: { managerId: people.otherManager.employee!.id } });
  leaveTypeId = (await makeLeaveType({ noticeDays: 0 })).id;
});
afterAll(() => setClockForTests(undefined));

// ---- data builders, all through the public API as an admin --------------------------------------

const asAdmin = () => people.admin.auth;
const employeeId = (p: Person) => p.employee!.id;
const rows = (body: unknown) => (Array.isArray(body) ? body : (body as { data: unknown[] }).data) as object[];
const anyRowOf = (body: unknown, field: string, id: string) =>
  rows(body).some((row) => (row as Record<string, unknown>)[field] === id);

async function created(path: string, body: object): Promise<string> {
  const res = await request(app).post(path).set(asAdmin()).send(body);
  if (res.status !== 201) throw new Error(`setup POST ${path} -> ${res.status} ${res.text}`);
  return (res.body as { id: string }).id;
}

async function leaveRequest(subject: Person, approved = false): Promise<string> {
  const id = await created('/api/v1/leave-requests', {
    employeeId: employeeId(subject),
    leaveTypeId,
    startDate: '2026-11-30',
    endDate: '2026-12-02',
  });
  if (approved) await request(app).post(`/api/v1/leave-requests/${id}/approve`).set(asAdmin()).expect(200);
  return id;
}

/** An approved request with an extension waiting for a decision. */
async function amendedRequest(subject: Person): Promise<string> {
  const id = await leaveRequest(subject, true);
  await request(app)
    .post(`/api/v1/leave-requests/${id}/amend`)
    .set(asAdmin())
    .send({ startDate: '2026-11-30', endDate: '2026-12-03', reason: 'Matrix' })
    .expect(202);
  return id;
}

/** A 13-hour day last Wednesday: present, with overtime and a working-time violation to report. */
async function longDay(subject: Person): Promise<void> {
  await request(app)
    .post('/api/v1/attendance/manual')
    .set(asAdmin())
    .send({
      employeeId: employeeId(subject),
      date: '2026-11-18',
      checkIn: '07:00',
      checkOut: '20:00',
      reason: 'Badge reader was down',
    })
    .expect(201);
}

/** An unknown_source exception about the subject (raised as a refused device push would raise it). */
async function exceptionFor(subject: Person): Promise<string> {
  const at = `2026-11-20T10:00:${String(holidayDay++ % 60).padStart(2, '0')}Z`;
  const event = {
    deviceId: '665f1c2e9b1e8a0012345678',
    employeeId: employeeId(subject),
    ip: '203.0.113.7',
    at,
  };
  await emitDomainEvent('device.source_refused', event);
  const found = await AttendanceException.findOne({ employeeId: employeeId(subject) })
    .sort({ _id: -1 })
    .lean();
  return found!._id.toHexString();
}

/** A pending correction the subject asked for. */
async function correctionBy(subject: Person): Promise<string> {
  const res = await request(app)
    .post('/api/v1/attendance/corrections')
    .set(subject.auth)
    .send({ date: '2026-11-19', checkIn: '09:00', reason: 'Forgot the badge' })
    .expect(201);
  return (res.body as { id: string }).id;
}

const week = { from: '2026-11-16', to: '2026-11-20' };
const SICK_NOTE = Buffer.from('%PDF-1.4\n%%EOF\n');
const newHolidayDate = () => `2027-03-${String(1 + (holidayDay++ % 28)).padStart(2, '0')}`;

// ---- one scenario per protected route ------------------------------------------------------------

const shared = (build: () => Call | Promise<Call>): Scenario => ({ policy: 'shared', build });
const onSubject = (policy: Policy, build: (subject: Person) => Call | Promise<Call>): Scenario => ({
  policy,
  build,
});
const report = (name: string, field: string): Scenario =>
  onSubject('team', async (s) => {
    await longDay(s);
    return { path: `/api/v1/reports/${name}`, query: week, shows: (b) => anyRowOf(b, field, employeeId(s)) };
  });
const department = () => created('/api/v1/departments', { name: `Dept ${unique()}` });
const leaveType = () =>
  created('/api/v1/leave-types', { code: `M${unique()}`, name: 'Matrix leave', annualEntitlement: 5 });
const holiday = () => created('/api/v1/holidays', { date: newHolidayDate(), name: 'Matrix day' });
const device = () => created('/api/v1/devices', { name: `Door ${unique()}` });
// Payroll periods far before any other scenario's dates, one month each, so none overlaps another.
let periodMonths = 0;
const nextPeriod = () => {
  const i = periodMonths++;
  const month = `${1990 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${month}-28` };
};
const period = () => created('/api/v1/payroll-periods', nextPeriod());
const reopenedPeriod = async () => {
  const id = await period();
  await request(app)
    .post(`/api/v1/payroll-periods/${id}/reopen`)
    .set(asAdmin())
    .send({ reason: 'matrix' })
    .expect(200);
  return id;
};
const failedEmail = async () =>
  (
    await OutboxEmail.create({
      key: `matrix-${unique()}`,
      to: 'someone@example.com',
      subject: 'Matrix',
      text: 'Body',
      status: 'failed',
    })
  ).id;

const webhook = async () =>
  (await Webhook.create({ url: 'http://127.0.0.1:9/hook', events: ['leave.approved'], secret: 'whsec_AAAA' }))
    .id;
const delivery = async () => {
  const webhookId = await webhook();
  const { id } = await Delivery.create({
    webhookId,
    eventId: '6566f0000000000000000001',
    eventSeq: 1,
    eventType: 'leave.approved',
    status: 'failed',
    nextAttemptAt: new Date(),
  });
  return { webhookId, id };
};

const SCENARIOS: Record<string, Scenario> = {
  'GET /api/v1/auth/me': { policy: 'caller', build: () => ({ path: '/api/v1/auth/me' }) },
  'POST /api/v1/auth/change-password': {
    policy: 'caller',
    build: () => ({
      path: '/api/v1/auth/change-password',
      body: { currentPassword: PASSWORD, newPassword: 'Another-Horse-Battery-2' },
    }),
  },
  'POST /api/v1/auth/register': shared(() => ({
    path: '/api/v1/auth/register',
    body: { email: `new-${unique()}@example.com`, password: 'Another-Horse-Battery-2', role: 'employee' },
  })),

  'POST /api/v1/employees': shared(() => ({
    path: '/api/v1/employees',
    body: {
      employeeCode: `N-${unique()}`,
      firstName: 'New',
      lastName: 'Hire',
      email: `hire-${unique()}@example.com`,
      hireDate: '2026-11-02',
    },
  })),
  'GET /api/v1/employees': onSubject('team', (s) => ({
    path: '/api/v1/employees',
    query: { q: s.employee!.lastName },
    shows: (b) => anyRowOf(b, 'id', employeeId(s)),
  })),
  'GET /api/v1/employees/:id': onSubject('team', (s) => ({
    path: `/api/v1/employees/${employeeId(s)}`,
  })),
  'PATCH /api/v1/employees/:id': onSubject('self-or-admin', (s) => ({
    path: `/api/v1/employees/${employeeId(s)}`,
    body: { phone: '+44 20 7946 0000' },
  })),
  'DELETE /api/v1/employees/:id': onSubject('team', (s) => ({
    path: `/api/v1/employees/${employeeId(s)}`,
  })),
  'GET /api/v1/employees/:id/export': onSubject('team', (s) => ({
    path: `/api/v1/employees/${employeeId(s)}/export`,
  })),
  'POST /api/v1/employees/:id/anonymise': {
    ...onSubject('team', async (s) => {
      await request(app)
        .delete(`/api/v1/employees/${employeeId(s)}`)
        .set(asAdmin())
        .expect(204);
      return { path: `/api/v1/employees/${employeeId(s)}/anonymise` };
    }),
    skip: ['self'], // only deactivated employees are anonymised, and their login is disabled
  },

  'POST /api/v1/departments': shared(() => ({
    path: '/api/v1/departments',
    body: { name: `Dept ${unique()}` },
  })),
  'GET /api/v1/departments': shared(() => ({ path: '/api/v1/departments' })),
  'GET /api/v1/departments/:id': shared(async () => ({ path: `/api/v1/departments/${await department()}` })),
  'PATCH /api/v1/departments/:id': shared(async () => ({
    path: `/api/v1/departments/${await department()}`,
    body: { name: `Renamed ${unique()}` },
  })),
  'DELETE /api/v1/departments/:id': shared(async () => ({
    path: `/api/v1/departments/${await department()}`,
  })),

  'POST /api/v1/leave-types': shared(() => ({
    path: '/api/v1/leave-types',
    body: { code: `M${unique()}`, name: 'Matrix leave', annualEntitlement: 5 },
  })),
  'GET /api/v1/leave-types': shared(() => ({ path: '/api/v1/leave-types' })),
  'GET /api/v1/leave-types/:id': shared(async () => ({ path: `/api/v1/leave-types/${await leaveType()}` })),
  'PATCH /api/v1/leave-types/:id': shared(async () => ({
    path: `/api/v1/leave-types/${await leaveType()}`,
    body: { name: 'Renamed leave' },
  })),
  'DELETE /api/v1/leave-types/:id': shared(async () => ({
    path: `/api/v1/leave-types/${await leaveType()}`,
  })),

  'POST /api/v1/holidays': shared(() => ({
    path: '/api/v1/holidays',
    body: { date: newHolidayDate(), name: 'Matrix day', calendar: `c${unique()}` },
  })),
  'GET /api/v1/holidays': shared(() => ({ path: '/api/v1/holidays' })),
  'GET /api/v1/holidays/:id': shared(async () => ({ path: `/api/v1/holidays/${await holiday()}` })),
  'PATCH /api/v1/holidays/:id': shared(async () => ({
    path: `/api/v1/holidays/${await holiday()}`,
    body: { name: 'Renamed day' },
  })),
  'DELETE /api/v1/holidays/:id': shared(async () => ({ path: `/api/v1/holidays/${await holiday()}` })),

  'POST /api/v1/leave-requests': onSubject('self-or-admin', (s) => ({
    path: '/api/v1/leave-requests',
    body: { employeeId: employeeId(s), leaveTypeId, startDate: '2026-11-30', endDate: '2026-12-02' },
  })),
  'GET /api/v1/leave-requests': onSubject('team', async (s) => {
    await leaveRequest(s);
    return {
      path: '/api/v1/leave-requests',
      query: { employeeId: employeeId(s) },
      shows: (b) => anyRowOf(b, 'employeeId', employeeId(s)),
    };
  }),
  'GET /api/v1/leave-requests/:id': onSubject('team', async (s) => ({
    path: `/api/v1/leave-requests/${await leaveRequest(s)}`,
  })),
  'POST /api/v1/leave-requests/:id/approve': onSubject('team', async (s) => ({
    path: `/api/v1/leave-requests/${await leaveRequest(s)}/approve`,
  })),
  'POST /api/v1/leave-requests/:id/reject': onSubject('team', async (s) => ({
    path: `/api/v1/leave-requests/${await leaveRequest(s)}/reject`,
  })),
  'POST /api/v1/leave-requests/decisions': onSubject('team', async (s) => ({
    path: '/api/v1/leave-requests/decisions',
    body: { ids: [await leaveRequest(s)], decision: 'approve' },
    // 200 whatever the items: out of scope, the item fails (404) and nothing is decided.
    shows: (b) => (b as { results: Array<{ status: string }> }).results[0]?.status === 'approved',
  })),
  'GET /api/v1/leave-requests/:id/coverage': onSubject('team', async (s) => ({
    path: `/api/v1/leave-requests/${await leaveRequest(s)}/coverage`,
  })),
  'POST /api/v1/delegations': {
    policy: 'caller',
    build: async () => ({
      path: '/api/v1/delegations',
      body: { delegateUserId: (await makePerson('manager')).userId, from: '2026-11-23', to: '2026-11-27' },
    }),
  },
  'GET /api/v1/delegations': { policy: 'caller', build: () => ({ path: '/api/v1/delegations' }) },
  'DELETE /api/v1/delegations/:id': {
    policy: 'caller',
    build: async (caller) => ({
      path: `/api/v1/delegations/${await created('/api/v1/delegations', {
        delegatorUserId: caller.userId,
        delegateUserId: (await makePerson('manager')).userId,
        from: '2026-11-23',
        to: '2026-11-27',
      })}`,
    }),
  },
  'POST /api/v1/leave-requests/:id/cancel': onSubject('self-or-admin', async (s) => ({
    path: `/api/v1/leave-requests/${await leaveRequest(s)}/cancel`,
  })),
  'PATCH /api/v1/leave-requests/:id': onSubject('self-or-admin', async (s) => ({
    path: `/api/v1/leave-requests/${await leaveRequest(s)}`,
    body: { reason: 'Matrix' },
  })),
  'POST /api/v1/leave-requests/:id/amend': onSubject('self-or-admin', async (s) => ({
    path: `/api/v1/leave-requests/${await leaveRequest(s, true)}/amend`,
    body: { startDate: '2026-11-30', endDate: '2026-12-01', reason: 'Matrix' },
  })),
  'POST /api/v1/leave-requests/:id/amendment/approve': onSubject('team', async (s) => ({
    path: `/api/v1/leave-requests/${await amendedRequest(s)}/amendment/approve`,
  })),
  'POST /api/v1/leave-requests/:id/amendment/reject': onSubject('team', async (s) => ({
    path: `/api/v1/leave-requests/${await amendedRequest(s)}/amendment/reject`,
  })),
  'GET /api/v1/leave-balances': onSubject('team', (s) => ({
    path: '/api/v1/leave-balances',
    query: { employeeId: employeeId(s), year: '2026' },
  })),
  'GET /api/v1/leave-balances/statement': onSubject('team', (s) => ({
    path: '/api/v1/leave-balances/statement',
    query: { employeeId: employeeId(s), leaveTypeId, year: '2026' },
  })),
  'POST /api/v1/leave-balances/adjustments': onSubject('team', (s) => ({
    path: '/api/v1/leave-balances/adjustments',
    body: { employeeId: employeeId(s), leaveTypeId, year: 2026, days: 1, reason: 'Matrix' },
  })),
  'GET /api/v1/leave-calendar': onSubject('team', async (s) => {
    await leaveRequest(s, true);
    return {
      path: '/api/v1/leave-calendar',
      query: { from: '2026-11-30', to: '2026-12-02' },
      shows: (b) => anyRowOf(b, 'employeeId', employeeId(s)),
    };
  }),

  'POST /api/v1/attendance/check-in': {
    policy: 'caller',
    build: () => ({ path: '/api/v1/attendance/check-in' }),
  },
  'POST /api/v1/attendance/check-out': {
    policy: 'caller',
    build: async (caller) => {
      await request(app).post('/api/v1/attendance/check-in').set(caller.auth).send({}).expect(201);
      return { path: '/api/v1/attendance/check-out' };
    },
  },
  'GET /api/v1/attendance': onSubject('team', async (s) => {
    await longDay(s);
    return {
      path: '/api/v1/attendance',
      query: { employeeId: employeeId(s), ...week },
      shows: (b) => anyRowOf(b, 'employeeId', employeeId(s)),
    };
  }),
  'POST /api/v1/attendance/manual': onSubject('team', (s) => ({
    path: '/api/v1/attendance/manual',
    body: { employeeId: employeeId(s), date: '2026-11-18', checkIn: '09:00', reason: 'Forgot the badge' },
  })),
  'GET /api/v1/attendance/exceptions': onSubject('team', async (s) => {
    await exceptionFor(s);
    return {
      path: '/api/v1/attendance/exceptions',
      query: { employeeId: employeeId(s) },
      shows: (b) => anyRowOf(b, 'employeeId', employeeId(s)),
    };
  }),
  'POST /api/v1/attendance/exceptions/:id/resolve': onSubject('team', async (s) => ({
    path: `/api/v1/attendance/exceptions/${await exceptionFor(s)}/resolve`,
    body: { reason: 'Checked with the team lead' },
  })),
  'POST /api/v1/attendance/corrections': {
    policy: 'caller',
    build: () => ({
      path: '/api/v1/attendance/corrections',
      body: { date: '2026-11-20', checkIn: '09:00', reason: 'Forgot the badge' },
    }),
  },
  'GET /api/v1/attendance/corrections': onSubject('team', async (s) => {
    await correctionBy(s);
    return {
      path: '/api/v1/attendance/corrections',
      query: { employeeId: employeeId(s) },
      shows: (b) => anyRowOf(b, 'employeeId', employeeId(s)),
    };
  }),
  'POST /api/v1/attendance/corrections/:id/approve': onSubject('team', async (s) => ({
    path: `/api/v1/attendance/corrections/${await correctionBy(s)}/approve`,
  })),
  'POST /api/v1/attendance/corrections/:id/reject': onSubject('team', async (s) => ({
    path: `/api/v1/attendance/corrections/${await correctionBy(s)}/reject`,
  })),
  'POST /api/v1/devices': shared(() => ({
    path: '/api/v1/devices',
    body: { name: `Door ${unique()}` },
  })),
  'GET /api/v1/devices': shared(() => ({ path: '/api/v1/devices' })),
  'PATCH /api/v1/devices/:id': shared(async () => ({
    path: `/api/v1/devices/${await device()}`,
    body: { allowedIps: ['10.20.0.0/24'] },
  })),
  'DELETE /api/v1/devices/:id': shared(async () => ({ path: `/api/v1/devices/${await device()}` })),
  'GET /api/v1/devices/:id/rejected-lines': shared(async () => ({
    path: `/api/v1/devices/${await device()}/rejected-lines`,
  })),
  'POST /api/v1/payroll-periods': shared(() => ({ path: '/api/v1/payroll-periods', body: nextPeriod() })),
  'GET /api/v1/payroll-periods': shared(() => ({ path: '/api/v1/payroll-periods' })),
  'GET /api/v1/payroll-periods/:id': shared(async () => ({
    path: `/api/v1/payroll-periods/${await period()}`,
  })),
  'POST /api/v1/payroll-periods/:id/reopen': shared(async () => ({
    path: `/api/v1/payroll-periods/${await period()}/reopen`,
    body: { reason: 'matrix' },
  })),
  'POST /api/v1/payroll-periods/:id/close': shared(async () => ({
    path: `/api/v1/payroll-periods/${await reopenedPeriod()}/close`,
  })),
  'GET /api/v1/payroll-periods/:id/export': shared(async () => ({
    path: `/api/v1/payroll-periods/${await period()}/export`,
  })),
  'GET /api/v1/admin/outbox': shared(() => ({ path: '/api/v1/admin/outbox' })),
  'POST /api/v1/admin/outbox/:id/retry': shared(async () => ({
    path: `/api/v1/admin/outbox/${await failedEmail()}/retry`,
  })),
  'GET /api/v1/events': shared(() => ({ path: '/api/v1/events' })),
  'POST /api/v1/webhooks': shared(() => ({
    path: '/api/v1/webhooks',
    body: { url: 'http://127.0.0.1:9/hook', events: ['leave.approved'] },
  })),
  'GET /api/v1/webhooks': shared(() => ({ path: '/api/v1/webhooks' })),
  'DELETE /api/v1/webhooks/:id': shared(async () => ({ path: `/api/v1/webhooks/${await webhook()}` })),
  'GET /api/v1/webhooks/:id/deliveries': shared(async () => ({
    path: `/api/v1/webhooks/${await webhook()}/deliveries`,
  })),
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': shared(async () => {
    const { webhookId, id } = await delivery();
    return { path: `/api/v1/webhooks/${webhookId}/deliveries/${id}/redeliver` };
  }),

  'GET /api/v1/reports/attendance-summary': report('attendance-summary', 'key'),
  'GET /api/v1/reports/absenteeism': report('absenteeism', 'employeeId'),
  'GET /api/v1/reports/overtime': report('overtime', 'employeeId'),
  'GET /api/v1/reports/compliance': report('compliance', 'employeeId'),
  'GET /api/v1/reports/leave-utilization': onSubject('team', async (s) => {
    // A leave type only this subject has used: its row shows whether their leave was counted.
    const ownType = await makeLeaveType({ noticeDays: 0 });
    await request(app)
      .post('/api/v1/leave-requests')
      .set(asAdmin())
      .send({
        employeeId: employeeId(s),
        leaveTypeId: ownType.id,
        startDate: '2026-11-30',
        endDate: '2026-11-30',
      })
      .expect(201);
    return {
      path: '/api/v1/reports/leave-utilization',
      query: { groupBy: 'type', year: '2026' },
      shows: (b) =>
        rows(b).some(
          (r) =>
            (r as { key: string; pending: number }).key === ownType.id &&
            (r as { pending: number }).pending > 0,
        ),
    };
  }),
  'GET /api/v1/analytics/today': onSubject('team', async (s) => {
    await leaveRequest(s, true);
    return {
      path: '/api/v1/analytics/today',
      shows: (b) => anyRowOf((b as { upcomingLeave: unknown[] }).upcomingLeave, 'employeeId', employeeId(s)),
    };
  }),

  'GET /api/v1/notifications': { policy: 'caller', build: () => ({ path: '/api/v1/notifications' }) },
  'POST /api/v1/notifications/:id/read': onSubject('own', async (s) => {
    await leaveRequest(s, true); // the decision notifies the subject
    const list = await request(app).get('/api/v1/notifications').set(s.auth).expect(200);
    const first = rows(list.body)[0] as { id: string } | undefined;
    if (!first) throw new Error('setup: the decision did not notify the employee');
    return { path: `/api/v1/notifications/${first.id}/read` };
  }),
  'GET /api/v1/notifications/preferences': {
    policy: 'caller',
    build: () => ({ path: '/api/v1/notifications/preferences' }),
  },
  'PUT /api/v1/notifications/preferences': {
    policy: 'caller',
    build: () => ({
      path: '/api/v1/notifications/preferences',
      body: { calendarInvitations: { self: true, asManager: true } },
    }),
  },
  'POST /api/v1/calendar/feed': { policy: 'caller', build: () => ({ path: '/api/v1/calendar/feed' }) },
  'DELETE /api/v1/calendar/feed': {
    policy: 'caller',
    build: async (caller) => {
      await request(app).post('/api/v1/calendar/feed').set(caller.auth).expect(200);
      return { path: '/api/v1/calendar/feed' };
    },
  },
  'GET /api/v1/audit-logs': shared(() => ({ path: '/api/v1/audit-logs' })),

  'GET /api/v1/users': shared(() => ({ path: '/api/v1/users', query: { role: 'employee' } })),
  'PATCH /api/v1/users/:id': shared(async () => ({
    path: `/api/v1/users/${(await makePerson('employee')).userId}`,
    body: { role: 'manager' },
  })),
  'POST /api/v1/users/:id/reset-password': shared(async () => ({
    path: `/api/v1/users/${(await makePerson('employee')).userId}/reset-password`,
  })),
  'POST /api/v1/users/invitations': shared(() => ({
    path: '/api/v1/users/invitations',
    body: { email: `invited-${unique()}@example.com`, role: 'employee' },
  })),
  'POST /api/v1/imports/employees': shared(() => ({
    path: '/api/v1/imports/employees',
    csv: `employeeCode,firstName,lastName,email,hireDate\nI-${unique()},Imported,Person,imported-${unique()}@example.com,2026-01-05\n`,
  })),
  'POST /api/v1/imports/holidays': shared(() => ({
    path: '/api/v1/imports/holidays',
    csv: `date,name,calendar\n${newHolidayDate()},Imported day,c${unique()}\n`,
  })),
  'POST /api/v1/holidays/import': shared(() => ({
    path: '/api/v1/holidays/import',
    body: { calendar: `c${unique()}`, country: 'DE', region: 'BE', year: 2027 },
  })),
  'POST /api/v1/leave-requests/:id/attachments': onSubject('team', async (s) => ({
    path: `/api/v1/leave-requests/${await leaveRequest(s)}/attachments`,
    file: { field: 'file', content: SICK_NOTE, filename: 'sick-note.pdf' },
  })),
  'GET /api/v1/leave-requests/:id/attachments': onSubject('team', async (s) => ({
    path: `/api/v1/leave-requests/${await leaveRequest(s)}/attachments`,
  })),
  'GET /api/v1/leave-requests/:id/attachments/:attachmentId': onSubject('team', async (s) => {
    const id = await leaveRequest(s);
    const stored = await request(app)
      .post(`/api/v1/leave-requests/${id}/attachments`)
      .set(asAdmin())
      .attach('file', SICK_NOTE, 'sick-note.pdf')
      .expect(201);
    return { path: `/api/v1/leave-requests/${id}/attachments/${(stored.body as { id: string }).id}` };
  }),
};

// ---- the matrix ---------------------------------------------------------------------------------

interface Cell {
  role: Role | 'anonymous';
  relation: Relation;
}

const SUBJECT_CELLS: Cell[] = [
  { role: 'admin', relation: 'other' },
  { role: 'manager', relation: 'team' },
  { role: 'manager', relation: 'other' },
  { role: 'employee', relation: 'self' },
  { role: 'employee', relation: 'other' },
];
const CALLER_CELLS: Cell[] = (['admin', 'manager', 'employee'] as const).map((role) => ({
  role,
  relation: 'self',
}));

type Expected = 'allowed' | 'refused by role' | 'out of scope' | 'unauthenticated';

function expected(route: RouteDefinition, policy: Policy, cell: Cell): Expected {
  if (cell.role === 'anonymous') return 'unauthenticated';
  if (!(route.access as readonly Role[]).includes(cell.role)) return 'refused by role';
  const inScope =
    policy === 'shared' || policy === 'caller'
      ? true
      : policy === 'team'
        ? cell.role === 'admin' || cell.relation !== 'other'
        : policy === 'self-or-admin'
          ? cell.role === 'admin' || cell.relation === 'self'
          : cell.relation === 'self';
  return inScope ? 'allowed' : 'out of scope';
}

/**
 * What a route answers a caller outside its scope. A record the caller may see but not change (a
 * manager and a report's phone) is 403; one they may not see is 404 where the route documents it
 * (existence is never revealed), else 403; a scenario may name its own documented status.
 */
function outOfScopeStatus(route: RouteDefinition, scenario: Scenario, cell: Cell): number {
  if (scenario.outOfScope) return scenario.outOfScope;
  // A notification is seen by its recipient alone; other records by admins and the subject's managers.
  const visible =
    scenario.policy !== 'own' &&
    (cell.role === 'admin' ||
      cell.relation === 'self' ||
      (cell.role === 'manager' && cell.relation === 'team'));
  if (visible) return 403;
  return route.doc.responses['404'] ? 404 : 403;
}

function matches(outcome: Expected, status: number, call: Call, body: unknown, refusal: number): boolean {
  const ok = status >= 200 && status < 300;
  switch (outcome) {
    case 'unauthenticated':
      return status === 401;
    case 'refused by role':
      return status === 403;
    case 'allowed':
      return ok && (!call.shows || call.shows(body));
    case 'out of scope':
      return call.shows !== undefined ? ok && !call.shows(body) : status === refusal;
  }
}

/** Who calls, and whose data the request is about, for one cell. Fresh people keep cells independent. */
async function partiesFor(policy: Policy, cell: Cell): Promise<{ caller?: Person; subject: Person }> {
  const under = (manager: Person) =>
    makePerson('employee', { employee: { managerId: manager.employee!.id } });
  if (cell.role === 'anonymous') return { subject: await under(people.otherManager) };
  if (policy === 'caller') {
    const caller = await makePerson(cell.role);
    return { caller, subject: caller };
  }
  const standing = { admin: people.admin, manager: people.manager, employee: people.peer };
  if (policy === 'shared') return { caller: standing[cell.role], subject: standing[cell.role] };
  if (cell.relation === 'self') {
    const self = await under(people.otherManager);
    return { caller: self, subject: self };
  }
  const subject =
    cell.relation === 'team' ? await under(people.subManager) : await under(people.otherManager);
  return { caller: standing[cell.role], subject };
}

async function send(route: RouteDefinition, call: Call, caller: Person | undefined) {
  const method = route.method;
  const req = request(app)
    [method](call.path)
    .query(call.query ?? {})
    .set(caller?.auth ?? {});
  if (method === 'get' || method === 'delete') return req;
  if (call.csv !== undefined) return req.set('Content-Type', 'text/csv').send(Buffer.from(call.csv));
  if (call.file) return req.attach(call.file.field, call.file.content, call.file.filename);
  return req.send(call.body ?? {});
}

describe('authorization matrix over every protected route', () => {
  const protectedRoutes = routes.filter((r) => Array.isArray(r.access));
  const keyOf = (r: RouteDefinition) => `${r.method.toUpperCase()} ${r.path}`;

  it('when a route is added then it needs a scenario here, and no scenario is left without a route', () => {
    expect(protectedRoutes.map(keyOf).filter((k) => !SCENARIOS[k])).toEqual([]);
    expect(Object.keys(SCENARIOS).filter((k) => !protectedRoutes.some((r) => keyOf(r) === k))).toEqual([]);
  });

  it('when anyone calls any protected route then the answer is exactly what their role and scope allow', async () => {
    const leaks: string[] = [];
    let cells = 0;
    for (const route of protectedRoutes) {
      const scenario = SCENARIOS[keyOf(route)];
      if (!scenario) continue;
      const cellsOfRoute =
        scenario.policy === 'caller' || scenario.policy === 'shared' ? CALLER_CELLS : SUBJECT_CELLS;
      for (const cell of [{ role: 'anonymous', relation: 'other' } as Cell, ...cellsOfRoute]) {
        if (scenario.skip?.includes(cell.relation)) continue;
        const { caller, subject } = await partiesFor(scenario.policy, cell);
        const call = await scenario.build(subject);
        const res = await send(route, call, caller);
        const outcome = expected(route, scenario.policy, cell);
        cells++;
        const refusal = outOfScopeStatus(route, scenario, cell);
        if (!matches(outcome, res.status, call, res.body, refusal)) {
          const wanted = outcome === 'out of scope' && !call.shows ? `${outcome} (${refusal})` : outcome;
          leaks.push(
            `${keyOf(route)} as ${cell.role} on ${cell.relation}: expected ${wanted}, got ${res.status}`,
          );
        }
      }
    }
    process.stdout.write(
      `authorization matrix: ${cells} cells checked over ${protectedRoutes.length} routes\n`,
    );
    expect(leaks).toEqual([]);
    // ~335 cells, each with its own people and data: 80 s alone here, over 2 minutes in a full run
    // on a busy machine.
  }, 300_000);

  it('when a device route is called with a user token instead of a device key then it is 401 for every role', async () => {
    const deviceRoutes = routes.filter((r) => r.access === 'device');
    expect(deviceRoutes.length).toBeGreaterThan(0);
    for (const route of deviceRoutes) {
      for (const caller of [undefined, people.admin, people.manager, people.peer]) {
        const res = await send(route, { path: route.path, body: { events: [] } }, caller);
        expect(`${keyOf(route)} ${caller?.role ?? 'anonymous'} ${res.status}`).toBe(
          `${keyOf(route)} ${caller?.role ?? 'anonymous'} 401`,
        );
      }
    }
  });
});
