import request from 'supertest';
import { getConfig } from '../../../src/config';
import { RawDeviceLine } from '../../../src/modules/attendance/raw-device-line.model';
import { processOutbox } from '../../../src/modules/notifications';
import { OutboxEmail } from '../../../src/modules/notifications/outbox-email.model';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';
import { startSmtpSink } from '../../support/smtp-sink';

useTestDatabase();
const app = testApp();
let admin: Person;
let employee: Person;
beforeAll(async () => {
  admin = await makePerson('admin');
  employee = await makePerson('employee');
});

async function ttlSecondsOf(
  collection: { indexes(): Promise<Array<Record<string, unknown>>> },
  name: string,
) {
  const index = (await collection.indexes()).find((i) => i.name === name);
  return index?.expireAfterSeconds;
}

describe('rejected device lines', () => {
  it('when a terminal pushes unusable lines then an admin sees them per device, newest first, and they expire after RAW_DEVICE_LINES_DAYS', async () => {
    const device = await request(app)
      .post('/api/v1/devices')
      .set(admin.auth)
      .send({ name: 'Gate', serialNumber: 'SN-REJECT-1', timezone: 'UTC' })
      .expect(201);
    const id = (device.body as { id: string }).id;
    await request(app)
      .post('/iclock/cdata?SN=SN-REJECT-1&table=ATTLOG')
      .set('Content-Type', 'text/plain')
      .send('garbage line\r\n9999\t2026-11-23 09:00:00\t0\t1\t0\r\n')
      .expect(200);

    const page = await request(app)
      .get(`/api/v1/devices/${id}/rejected-lines?limit=1`)
      .set(admin.auth)
      .expect(200);
    expect(page.body).toMatchObject({ page: 1, limit: 1, total: 2 });
    expect(page.body.data[0]).toMatchObject({ table: 'ATTLOG', reason: expect.any(String) as string });

    await request(app).get(`/api/v1/devices/${id}/rejected-lines`).set(employee.auth).expect(403);
    await request(app)
      .get('/api/v1/devices/6566f0000000000000000000/rejected-lines')
      .set(admin.auth)
      .expect(404);
    expect(await ttlSecondsOf(RawDeviceLine.collection, 'raw_lines_retention')).toBe(
      getConfig().RAW_DEVICE_LINES_DAYS * 86_400,
    );
  });
});

describe('email outbox for operators', () => {
  it('when emails are stuck then an admin lists failed and pending ones without bodies, and a retry sends a failed one', async () => {
    const base = { subject: 'Hello', text: 'secret link https://x/reset?token=abc' };
    const [failed, pending, sent] = await OutboxEmail.create([
      { ...base, key: 'k-failed', to: 'failed@example.com', status: 'failed', attempts: 8, lastError: '550' },
      {
        ...base,
        key: 'k-pending',
        to: 'pending@example.com',
        nextAttemptAt: new Date(Date.now() + 3600_000),
      },
      { ...base, key: 'k-sent', to: 'sent@example.com', status: 'sent', sentAt: new Date() },
    ]);

    const all = await request(app).get('/api/v1/admin/outbox').set(admin.auth).expect(200);
    expect((all.body.data as Array<{ to: string }>).map((e) => e.to).sort()).toEqual([
      'failed@example.com',
      'pending@example.com',
    ]);
    expect(JSON.stringify(all.body)).not.toContain('token=abc');
    const onlyFailed = await request(app)
      .get('/api/v1/admin/outbox?status=failed')
      .set(admin.auth)
      .expect(200);
    expect(onlyFailed.body).toMatchObject({ total: 1, data: [{ id: failed!.id, lastError: '550' }] });
    await request(app).get('/api/v1/admin/outbox?status=sent').set(admin.auth).expect(400);
    await request(app).get('/api/v1/admin/outbox').set(employee.auth).expect(403);

    const sink = await startSmtpSink();
    try {
      const retried = await request(app)
        .post(`/api/v1/admin/outbox/${failed!.id}/retry`)
        .set(admin.auth)
        .expect(202);
      expect(retried.body).toMatchObject({ id: failed!.id, status: 'pending', attempts: 0 });
      await processOutbox();
      await sink.waitFor('failed@example.com');
      expect(await OutboxEmail.findById(failed!.id).lean()).toMatchObject({ status: 'sent', attempts: 1 });
      expect(sink.received.filter((m) => m.to.includes('pending@example.com'))).toHaveLength(0);
    } finally {
      await sink.stop();
    }
    expect(await AuditLog.countDocuments({ action: 'outbox.retry', entityId: failed!.id })).toBe(1);

    await request(app).post(`/api/v1/admin/outbox/${sent!.id}/retry`).set(admin.auth).expect(409);
    await request(app)
      .post('/api/v1/admin/outbox/6566f0000000000000000000/retry')
      .set(admin.auth)
      .expect(404);
    await request(app).post(`/api/v1/admin/outbox/${pending!.id}/retry`).set(employee.auth).expect(403);
  });

  it('when mails are sent then they are deleted OUTBOX_RETENTION_DAYS later and unsent ones never', async () => {
    expect(await ttlSecondsOf(OutboxEmail.collection, 'outbox_retention')).toBe(
      getConfig().OUTBOX_RETENTION_DAYS * 86_400,
    );
    const index = (await OutboxEmail.collection.indexes()).find((i) => i.name === 'outbox_retention');
    expect(index?.key).toEqual({ sentAt: 1 });
  });
});
