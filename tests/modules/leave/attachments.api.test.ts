import mongoose from 'mongoose';
import request from 'supertest';
import type { Response } from 'superagent';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeOrganisation, makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const files = () => mongoose.connection.db!.collection('leaveAttachments.files');

async function leaveRequest(admin: Person, subject: Person, days = 3, typeOverrides = {}): Promise<string> {
  const type = await makeLeaveType({ noticeDays: 0, ...typeOverrides });
  const end = `2027-03-0${days}`;
  const res = await request(app)
    .post('/api/v1/leave-requests')
    .set(admin.auth)
    .send({ employeeId: subject.employee!.id, leaveTypeId: type.id, startDate: '2027-03-01', endDate: end })
    .expect(201);
  return res.body.id as string;
}

const upload = (who: Person, id: string, content: Buffer, filename: string, contentType?: string) =>
  request(app)
    .post(`/api/v1/leave-requests/${id}/attachments`)
    .set(who.auth)
    .attach('file', content, { filename, ...(contentType ? { contentType } : {}) });

function binaryParser(res: Response, done: (err: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('leave request attachments', () => {
  it('when an employee attaches a PDF then it is stored in GridFS and their manager can download it, an outsider cannot', async () => {
    const org = await makeOrganisation();
    const id = await leaveRequest(org.admin, org.indirect);
    const res = await upload(org.indirect, id, PDF, 'sick-note.pdf').expect(201);
    expect(res.body).toMatchObject({
      leaveRequestId: id,
      filename: 'sick-note.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });
    expect(await files().countDocuments({ 'metadata.leaveRequestId': new mongoose.Types.ObjectId(id) })).toBe(
      1,
    );
    expect(await AuditLog.exists({ action: 'leave_request.attachment_add', entityId: id })).toBeTruthy();

    const list = await request(app)
      .get(`/api/v1/leave-requests/${id}/attachments`)
      .set(org.manager.auth)
      .expect(200);
    expect(list.body.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    const download = await request(app)
      .get(`/api/v1/leave-requests/${id}/attachments/${res.body.id}`)
      .set(org.manager.auth)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('sick-note.pdf');
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);

    await request(app)
      .get(`/api/v1/leave-requests/${id}/attachments/${res.body.id}`)
      .set(org.outsider.auth)
      .expect(404);
    await request(app).get(`/api/v1/leave-requests/${id}/attachments`).set(org.otherManager.auth).expect(404);
    await upload(org.outsider, id, PDF, 'mine.pdf').expect(404);
    const other = await leaveRequest(org.admin, org.direct);
    await request(app)
      .get(`/api/v1/leave-requests/${other}/attachments/${res.body.id}`)
      .set(org.admin.auth)
      .expect(404);
  });

  it('when PNG and JPEG files are attached then their type comes from the content', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const id = await leaveRequest(admin, person);
    const png = await upload(person, id, PNG, 'scan', 'application/octet-stream').expect(201);
    expect(png.body.contentType).toBe('image/png');
    const jpeg = await upload(person, id, JPEG, 'photo.JPG').expect(201);
    expect(jpeg.body.contentType).toBe('image/jpeg');
  });

  it('when a file claims to be a PDF but is not, or is no accepted type, then 415 and nothing is stored', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const id = await leaveRequest(admin, person);
    const fake = await upload(person, id, Buffer.from('MZ\x90\x00 not a pdf at all'), 'note.pdf').expect(415);
    expect(fake.body.detail).toContain('claims to be application/pdf');
    await upload(person, id, PNG, 'note.pdf', 'application/pdf').expect(415);
    await upload(person, id, Buffer.from('plain text'), 'note.txt', 'text/plain').expect(415);
    expect(await files().countDocuments({ 'metadata.leaveRequestId': new mongoose.Types.ObjectId(id) })).toBe(
      0,
    );
  });

  it('when the file is over the size limit, missing, or in another field then 413 and 400; JSON is 415', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const id = await leaveRequest(admin, person);
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)]);
    await upload(person, id, big, 'huge.pdf').expect(413);
    const none = await request(app)
      .post(`/api/v1/leave-requests/${id}/attachments`)
      .set(person.auth)
      .field('note', 'x')
      .expect(400);
    expect(none.body.errors[0].field).toBe('note');
    const wrong = await request(app)
      .post(`/api/v1/leave-requests/${id}/attachments`)
      .set(person.auth)
      .attach('document', PDF, 'a.pdf')
      .expect(400);
    expect(wrong.body.errors[0].field).toBe('document');
    await request(app)
      .post(`/api/v1/leave-requests/${id}/attachments`)
      .set(person.auth)
      .send({ file: 'x' })
      .expect(415);
    expect(await files().countDocuments({ 'metadata.leaveRequestId': new mongoose.Types.ObjectId(id) })).toBe(
      0,
    );
  });

  it('when a type requires a document beyond 2 days then approval without one is 422, and with one it is approved', async () => {
    const org = await makeOrganisation();
    const long = await leaveRequest(org.admin, org.direct, 3, { attachmentRequiredAfterDays: 2 });
    const refused = await request(app)
      .post(`/api/v1/leave-requests/${long}/approve`)
      .set(org.manager.auth)
      .send({})
      .expect(422);
    expect(refused.body.errors[0].field).toBe('attachments');
    await upload(org.direct, long, PDF, 'note.pdf').expect(201);
    await request(app)
      .post(`/api/v1/leave-requests/${long}/approve`)
      .set(org.manager.auth)
      .send({})
      .expect(200);
    const short = await leaveRequest(org.admin, org.indirect, 2, { attachmentRequiredAfterDays: 2 });
    await request(app)
      .post(`/api/v1/leave-requests/${short}/approve`)
      .set(org.manager.auth)
      .send({})
      .expect(200);
  });

  it('when a type approved at once requires a document beyond 2 days then a longer submission is 422 and a shorter one is approved', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const type = await makeLeaveType({
      noticeDays: 0,
      requiresApproval: false,
      attachmentRequiredAfterDays: 2,
    });
    const body = { employeeId: person.employee!.id, leaveTypeId: type.id, startDate: '2027-03-01' };
    const refused = await request(app)
      .post('/api/v1/leave-requests')
      .set(admin.auth)
      .send({ ...body, endDate: '2027-03-03' })
      .expect(422);
    expect(refused.body.errors[0].field).toBe('attachments');
    const ok = await request(app)
      .post('/api/v1/leave-requests')
      .set(admin.auth)
      .send({ ...body, endDate: '2027-03-02' })
      .expect(201);
    expect(ok.body.status).toBe('approved');
  });

  it('when an employee is deleted or anonymised then their files are removed', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const id = await leaveRequest(admin, person);
    const stored = await upload(person, id, PDF, 'note.pdf').expect(201);
    const owner = { 'metadata.employeeId': new mongoose.Types.ObjectId(person.employee!.id) };
    expect(await files().countDocuments(owner)).toBe(1);
    await request(app).delete(`/api/v1/employees/${person.employee!.id}`).set(admin.auth).expect(204);
    expect(await files().countDocuments(owner)).toBe(0);
    expect(
      await mongoose.connection
        .db!.collection('leaveAttachments.chunks')
        .countDocuments({ files_id: new mongoose.Types.ObjectId(stored.body.id) }),
    ).toBe(0);
    await request(app)
      .get(`/api/v1/leave-requests/${id}/attachments/${stored.body.id}`)
      .set(admin.auth)
      .expect(404);
  });
});
