import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { runJob } from '../../../src/jobs/jobs';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';
import { makeHoliday, makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
afterAll(() => setClockForTests(undefined));

describe('close-day job (absence marking)', () => {
  it('when days end without punches then working days are absent, and holidays, weekends and leave are not', async () => {
    setClockForTests('2026-11-20T08:00:00Z');
    const admin = await makePerson('admin');
    const person = await makePerson('employee', { employee: { hireDate: '2025-01-06' } });
    const type = await makeLeaveType({ requiresApproval: false });
    await request(app)
      .post('/api/v1/leave-requests')
      .set(person.auth)
      .send({ leaveTypeId: type.id, startDate: '2026-11-24', endDate: '2026-11-24' })
      .expect(201);
    await makeHoliday('2026-11-26', 'Company day');
    // Wednesday 25th: attended (manual entry), the rest of Mon 23 - Sun 29 nothing.
    await request(app)
      .post('/api/v1/attendance/manual')
      .set(admin.auth)
      .send({
        employeeId: person.employee!.id,
        date: '2026-11-25',
        checkIn: '09:00',
        checkOut: '17:00',
        reason: 'seed',
      })
      .expect(201);

    setClockForTests('2026-11-30T06:00:00Z');
    await runJob('close-day', '2026-11-27'); // closes 24, 25, 26
    await runJob('close-day', '2026-11-30'); // closes 27, 28, 29
    await runJob('close-day', '2026-11-30'); // again: nothing changes
    await runJob('close-day', '2026-11-24'); // closes 21, 22, 23

    const res = await request(app)
      .get(`/api/v1/attendance?employeeId=${person.employee!.id}&from=2026-11-21&to=2026-11-29`)
      .set(admin.auth)
      .expect(200);
    const byDate = Object.fromEntries(
      (res.body.data as Array<{ date: string; status: string }>).map((d) => [d.date, d.status]),
    );
    expect(byDate).toEqual({
      '2026-11-21': 'weekend',
      '2026-11-22': 'weekend',
      '2026-11-23': 'absent',
      '2026-11-24': 'on_leave',
      '2026-11-25': 'present',
      '2026-11-26': 'holiday',
      '2026-11-27': 'absent',
      '2026-11-28': 'weekend',
      '2026-11-29': 'weekend',
    });
  });

  it('when leave is approved after a day was marked absent then the day becomes on leave', async () => {
    setClockForTests('2026-12-08T06:00:00Z');
    const org = { manager: await makePerson('manager') };
    const person = await makePerson('employee', {
      employee: { hireDate: '2025-01-06', managerId: org.manager.employee!.id },
    });
    await runJob('close-day', '2026-12-08'); // closes Dec 5 (Sat), 6 (Sun), 7 (Mon)
    const before = await request(app)
      .get(`/api/v1/attendance?employeeId=${person.employee!.id}&from=2026-12-07&to=2026-12-07`)
      .set(person.auth)
      .expect(200);
    expect(before.body.data[0].status).toBe('absent');
    const type = await makeLeaveType();
    const leave = await request(app)
      .post('/api/v1/leave-requests')
      .set(person.auth)
      .send({ leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-07' })
      .expect(201);
    await request(app)
      .post(`/api/v1/leave-requests/${leave.body.id}/approve`)
      .set(org.manager.auth)
      .expect(200);
    const after = await request(app)
      .get(`/api/v1/attendance?employeeId=${person.employee!.id}&from=2026-12-07&to=2026-12-07`)
      .set(person.auth)
      .expect(200);
    expect(after.body.data[0].status).toBe('on_leave');
  });
});
