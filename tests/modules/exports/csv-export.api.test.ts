import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { Employee } from '../../../src/modules/employees/employee.model';
import { createDepartment } from '../../../src/modules/employees';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makeEmployee, makeOrganisation, makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();

function csvOf(text: string): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = parse(text, { columns: true });
  return rows;
}

function getCsv(path: string, auth: Record<string, string>, query: object = {}) {
  return request(app)
    .get(path)
    .query({ ...query, format: 'csv' })
    .set(auth)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
}

describe('GET /employees?format=csv', () => {
  it('when an admin exports then every employee comes in the import columns, formulas neutralised, and importing the file again changes nothing', async () => {
    const admin = await makePerson('admin');
    const dept = await createDepartment({ name: 'Export dept', code: 'EXP' });
    const boss = await makeEmployee({
      departmentId: dept.id,
      position: '=HYPERLINK("http://evil.example","x")',
    });
    await makeEmployee({ managerId: boss.id, phone: '+49 30 1234567', timezone: 'Europe/Berlin' });
    const res = await getCsv('/api/v1/employees', admin.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('employees.csv');
    const text = res.body as string;
    expect(text.split('\n')[0]).toBe(
      'employeeCode,firstName,lastName,email,hireDate,phone,position,departmentCode,managerCode,timezone,holidayCalendar,status',
    );
    const rows = csvOf(text);
    expect(rows).toHaveLength(await Employee.countDocuments());
    const bossRow = rows.find((r) => r.employeeCode === boss.employeeCode);
    expect(bossRow).toMatchObject({
      departmentCode: 'EXP',
      position: `'=HYPERLINK("http://evil.example","x")`,
    });
    expect(rows.find((r) => r.managerCode === boss.employeeCode)).toMatchObject({ phone: "'+49 30 1234567" });

    const back = await request(app)
      .post('/api/v1/imports/employees')
      .set(admin.auth)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(text))
      .expect(200);
    expect(back.body).toMatchObject({ created: 0, updated: 0, unchanged: rows.length, errors: [] });
  });

  it('when a manager exports then only their scope is in the file; an unknown format is 400', async () => {
    const org = await makeOrganisation();
    const rows = csvOf((await getCsv('/api/v1/employees', org.manager.auth).expect(200)).body as string);
    const codes = rows.map((r) => r.employeeCode);
    expect(codes).toEqual(
      expect.arrayContaining([org.direct.employee!.employeeCode, org.indirect.employee!.employeeCode]),
    );
    expect(codes).not.toContain(org.outsider.employee!.employeeCode);
    await request(app).get('/api/v1/employees').query({ format: 'xml' }).set(org.manager.auth).expect(400);
  });

  it('when there are more employees than one batch then every one is in the file once', async () => {
    const admin = await makePerson('admin');
    const docs = Array.from({ length: 2500 }, (_, i) => ({
      employeeCode: `BULK-${String(i).padStart(5, '0')}`,
      firstName: 'Bulk',
      lastName: `Person ${i}`,
      email: `bulk-${i}@example.com`,
      hireDate: '2024-01-01',
    }));
    await Employee.insertMany(docs);
    const rows = csvOf(
      (await getCsv('/api/v1/employees', admin.auth, { q: 'BULK-' }).expect(200)).body as string,
    );
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r.employeeCode)).size).toBe(2500);
  });
});

describe('GET /leave-requests?format=csv and GET /attendance?format=csv', () => {
  it('when leave is exported then each request of the scope is a row with the employee and type, and a formula reason is neutralised', async () => {
    const org = await makeOrganisation();
    const type = await makeLeaveType({ noticeDays: 0 });
    for (const p of [org.direct, org.outsider]) {
      await request(app)
        .post('/api/v1/leave-requests')
        .set(org.admin.auth)
        .send({
          employeeId: p.employee!.id,
          leaveTypeId: type.id,
          startDate: '2027-02-01',
          endDate: '2027-02-03',
          reason: '@SUM(A1:A9)',
        })
        .expect(201);
    }
    const rows = csvOf((await getCsv('/api/v1/leave-requests', org.manager.auth).expect(200)).body as string);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      employeeId: org.direct.employee!.id,
      employeeCode: org.direct.employee!.employeeCode,
      leaveTypeCode: type.code,
      startDate: '2027-02-01',
      days: '3',
      status: 'pending',
      reason: "'@SUM(A1:A9)",
    });
    const all = csvOf(
      (await getCsv('/api/v1/leave-requests', org.admin.auth, { status: 'pending' }).expect(200))
        .body as string,
    );
    expect(all.map((r) => r.employeeId)).toEqual(
      expect.arrayContaining([org.direct.employee!.id, org.outsider.employee!.id]),
    );
  });

  it('when attendance is exported then each daily record of the range and scope is a row', async () => {
    const org = await makeOrganisation();
    await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.admin.auth)
      .send({
        employeeId: org.direct.employee!.id,
        date: '2026-11-18',
        checkIn: '09:00',
        checkOut: '17:30',
        reason: 'Badge',
      })
      .expect(201);
    const rows = csvOf(
      (
        await getCsv('/api/v1/attendance', org.manager.auth, { from: '2026-11-16', to: '2026-11-20' }).expect(
          200,
        )
      ).body as string,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        date: '2026-11-18',
        employeeId: org.direct.employee!.id,
        employeeCode: org.direct.employee!.employeeCode,
        status: 'present',
        workedMinutes: '510',
      }),
    ]);
    const outsider = csvOf(
      (
        await getCsv('/api/v1/attendance', org.outsider.auth, {
          from: '2026-11-16',
          to: '2026-11-20',
        }).expect(200)
      ).body as string,
    );
    expect(outsider).toEqual([]);
  });
});

describe('report CSVs', () => {
  it('when a name starts with = then the report CSV cell is neutralised', async () => {
    const admin = await makePerson('admin');
    const person = await makeEmployee({ firstName: '=cmd|" /C calc"!A0', lastName: 'Mallory' });
    await request(app)
      .post('/api/v1/attendance/manual')
      .set(admin.auth)
      .send({
        employeeId: person.id,
        date: '2026-11-18',
        checkIn: '09:00',
        checkOut: '17:00',
        reason: 'Badge',
      })
      .expect(201);
    const summary = (
      await getCsv('/api/v1/reports/attendance-summary', admin.auth, {
        from: '2026-11-16',
        to: '2026-11-20',
      }).expect(200)
    ).body as string;
    expect(csvOf(summary).find((r) => r.label?.includes('Mallory'))?.label).toMatch(/^'=cmd/);
  });
});
