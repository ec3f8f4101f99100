import mongoose from 'mongoose';
import request from 'supertest';
import { onDomainEvent } from '../../../src/lib/domain-events';
import { Holiday } from '../../../src/modules/leave/holiday.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
const changedDates: string[] = [];
onDomainEvent('holiday.changed', ({ date }) => {
  changedDates.push(date);
  return Promise.resolve();
});
let n = 0;
const calendar = () => `cal-${Date.now().toString(36)}-${n++}`;

function postCsv(admin: { auth: Record<string, string> }, csv: string | Buffer, query: object = {}) {
  return request(app)
    .post('/api/v1/imports/holidays')
    .query(query)
    .set(admin.auth)
    .set('Content-Type', 'text/csv')
    .send(Buffer.isBuffer(csv) ? csv : Buffer.from(csv));
}

describe('POST /imports/holidays', () => {
  it('when a calendar is imported then holidays are created, renamed ones updated, identical ones unchanged, and each changed date announced', async () => {
    const admin = await makePerson('admin');
    const cal = calendar();
    const csv = `date,name,calendar\n2031-01-01,New Year,${cal}\n2031-12-25,Christmas,${cal}\n`;
    const dry = await postCsv(admin, csv, { dryRun: 'true' }).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, created: 2 });
    expect(await Holiday.countDocuments({ calendar: cal })).toBe(0);

    changedDates.length = 0;
    await postCsv(admin, csv).expect(200);
    expect(changedDates.sort()).toEqual(['2031-01-01', '2031-12-25']);
    const again = await postCsv(
      admin,
      `date,name,calendar\n2031-01-01,New Year,${cal}\n2031-12-25,Christmas Day,${cal}\n2031-12-26,Boxing Day,${cal}\n`,
    ).expect(200);
    expect(again.body).toMatchObject({ rows: 3, created: 1, updated: 1, unchanged: 1, errors: [] });
    const stored = await Holiday.find({ calendar: cal }).sort({ date: 1 }).lean();
    expect(stored.map((h) => [h.date, h.name, h.year])).toEqual([
      ['2031-01-01', 'New Year', 2031],
      ['2031-12-25', 'Christmas Day', 2031],
      ['2031-12-26', 'Boxing Day', 2031],
    ]);
  });

  it('when a row is bad, a date repeats, or the header is wrong then 200 with errors, then 422, and nothing is written', async () => {
    const admin = await makePerson('admin');
    const cal = calendar();
    const bad = await postCsv(
      admin,
      `date,name,calendar\n2031-02-30,Nope,${cal}\n2031-03-01,Fine,${cal}\n`,
    ).expect(200);
    expect(bad.body.errors).toEqual([{ row: 2, field: 'date', message: 'must be a date YYYY-MM-DD' }]);
    const repeated = await postCsv(
      admin,
      `date,name,calendar\n2031-03-01,One,${cal}\n2031-03-01,Two,${cal}\n`,
    ).expect(422);
    expect(repeated.body.errors).toEqual([{ row: 3, field: 'date', message: 'repeats row 2' }]);
    await postCsv(admin, `day,name\n2031-03-01,One\n`).expect(422);
    await postCsv(admin, Buffer.from(`date,name,calendar\n2031-03-01,Fête,${cal}\n`, 'latin1')).expect(415);
    expect(await Holiday.countDocuments({ calendar: cal })).toBe(0);
  });
});

describe('POST /holidays/import (public holidays)', () => {
  it('when Bavaria and Berlin are imported then each calendar has its own days and importing again skips them all', async () => {
    const admin = await makePerson('admin');
    const bavaria = await request(app)
      .post('/api/v1/holidays/import')
      .set(admin.auth)
      .send({ calendar: 'DE-BY', country: 'DE', region: 'BY', year: 2027 })
      .expect(201);
    expect(bavaria.body.created).toBeGreaterThanOrEqual(12);
    expect(bavaria.body.holidays).toEqual(expect.arrayContaining([{ date: '2027-01-06', name: 'Epiphany' }]));
    const berlin = await request(app)
      .post('/api/v1/holidays/import')
      .set(admin.auth)
      .send({ calendar: 'DE-BE', country: 'DE', region: 'BE', year: 2027 })
      .expect(201);
    expect(berlin.body.holidays.map((h: { date: string }) => h.date)).not.toContain('2027-01-06');
    expect(berlin.body.holidays.map((h: { date: string }) => h.date)).toContain('2027-03-08'); // Women's Day

    changedDates.length = 0;
    const again = await request(app)
      .post('/api/v1/holidays/import')
      .set(admin.auth)
      .send({ calendar: 'DE-BY', country: 'DE', region: 'BY', year: 2027 })
      .expect(201);
    expect(again.body).toMatchObject({ created: 0, skipped: bavaria.body.created, holidays: [] });
    expect(changedDates).toEqual([]);

    // Leave over 4-8 January 2027 counts Epiphany off in Munich and not in Berlin.
    const type = await makeLeaveType({ noticeDays: 0, annualEntitlement: 30 });
    const munich = await makePerson('employee', { employee: { holidayCalendar: 'DE-BY' } });
    const berliner = await makePerson('employee', { employee: { holidayCalendar: 'DE-BE' } });
    const days = async (p: typeof munich) =>
      (
        await request(app)
          .post('/api/v1/leave-requests')
          .set(admin.auth)
          .send({
            employeeId: p.employee!.id,
            leaveTypeId: type.id,
            startDate: '2027-01-04',
            endDate: '2027-01-08',
          })
          .expect(201)
      ).body.days as number;
    expect(await days(munich)).toBe(4);
    expect(await days(berliner)).toBe(5);
  });

  it('when the country or region is unknown then 422 naming it; a malformed one is 400; a manager is 403', async () => {
    const admin = await makePerson('admin');
    const country = await request(app)
      .post('/api/v1/holidays/import')
      .set(admin.auth)
      .send({ calendar: 'XX', country: 'QQ', year: 2027 })
      .expect(422);
    expect(country.body.errors[0].field).toBe('country');
    const region = await request(app)
      .post('/api/v1/holidays/import')
      .set(admin.auth)
      .send({ calendar: 'DE-ZZ', country: 'DE', region: 'ZZ', year: 2027 })
      .expect(422);
    expect(region.body.errors[0]).toMatchObject({ field: 'region' });
    expect(region.body.errors[0].message).toContain('BY');
    await request(app)
      .post('/api/v1/holidays/import')
      .set(admin.auth)
      .send({ calendar: 'x', country: 'germany', year: 2027 })
      .expect(400);
    const manager = await makePerson('manager');
    await request(app)
      .post('/api/v1/holidays/import')
      .set(manager.auth)
      .send({ calendar: 'x', country: 'DE', year: 2027 })
      .expect(403);
    expect(await Holiday.countDocuments({ calendar: mongoose.trusted({ $in: ['XX', 'DE-ZZ', 'x'] }) })).toBe(
      0,
    );
  });
});
