import request from 'supertest';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { setConfigForTests } from '../../../src/config';
import type { RunningWorker } from '../../../src/modules/integrations';
import { startWebhookWorker } from '../../../src/modules/integrations';
import { isPrivateAddress } from '../../../src/modules/integrations/url-guard';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeEmployee, makePerson } from '../../support/factories';
import type { Receiver } from './receiver';
import { startReceiver, waitFor } from './receiver';

useTestDatabase();
setConfigForTests({ WEBHOOK_ALLOW_PRIVATE: true, WEBHOOK_RETRY_BASE_MS: 20, WEBHOOK_TIMEOUT_MS: 5000 });
const app = testApp();
let admin: Person;
let worker: RunningWorker;
const receivers: Receiver[] = [];

beforeAll(async () => {
  admin = await makePerson('admin');
  worker = startWebhookWorker(50);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await worker.stop();
});

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

async function register(url: string, events = ['employee.created']): Promise<{ id: string; secret: string }> {
  const res = await request(app).post('/api/v1/webhooks').set(admin.auth).send({ url, events }).expect(201);
  return res.body as { id: string; secret: string };
}

interface DeliveryView {
  id: string;
  status: string;
  attempts: Array<{ attempt: number; outcome: string; responseCode?: number; durationMs: number }>;
}

async function deliveries(webhookId: string): Promise<DeliveryView[]> {
  const res = await request(app).get(`/api/v1/webhooks/${webhookId}/deliveries`).set(admin.auth).expect(200);
  return (res.body as { data: DeliveryView[] }).data;
}

describe('webhooks', () => {
  it('when an endpoint is registered then the secret is shown once, and each event arrives signed per Standard Webhooks', async () => {
    const endpoint = await receiver();
    const { id, secret } = await register(endpoint.url);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const list = await request(app).get('/api/v1/webhooks').set(admin.auth).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(6));
    expect(list.body).toMatchObject({
      data: expect.arrayContaining([expect.objectContaining({ id })]) as unknown,
    });

    const employee = await makeEmployee();
    await waitFor(() => endpoint.received.length === 1);
    const [got] = endpoint.received;
    const verified = new StandardWebhook(secret).verify(got!.body, got!.headers);
    expect(verified).toMatchObject({ type: 'employee.created', data: { employee: { id: employee.id } } });
    const tampered = got!.body.replace(employee.id, '6566f0000000000000000000');
    expect(() => new StandardWebhook(secret).verify(tampered, got!.headers)).toThrow();
    await waitFor(async () => (await deliveries(id))[0]?.status === 'delivered');
    expect((await deliveries(id))[0]).toMatchObject({
      id: got!.headers['webhook-id'],
      attempts: [{ attempt: 1 }],
    });
  });

  it('when a receiver fails three times then succeeds then it gets the event four times with one webhook-id and the log shows four attempts', async () => {
    const endpoint = await receiver((_req, res, n) => {
      res.writeHead(n <= 3 ? 503 : 200).end();
    });
    const { id } = await register(endpoint.url);
    await makeEmployee();
    await waitFor(async () => (await deliveries(id))[0]?.status === 'delivered');
    const [delivery] = await deliveries(id);
    expect(delivery?.attempts.map((a) => [a.attempt, a.outcome, a.responseCode])).toEqual([
      [1, 'failed', 503],
      [2, 'failed', 503],
      [3, 'failed', 503],
      [4, 'succeeded', 200],
    ]);
    expect(endpoint.received).toHaveLength(4);
    expect(new Set(endpoint.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery?.id]));
  });

  it('when one receiver hangs then another still gets its event while the first is still waiting', async () => {
    const hanging = await receiver(() => undefined);
    const healthy = await receiver();
    const stuck = await register(hanging.url);
    await register(healthy.url);
    await makeEmployee();
    await makeEmployee();
    await makeEmployee();
    await waitFor(() => healthy.received.length === 3);
    // Nothing has answered the hanging endpoint, and its attempts are still open.
    expect(hanging.received.length).toBeGreaterThanOrEqual(1);
    const stuckDeliveries = await deliveries(stuck.id);
    expect(stuckDeliveries).toHaveLength(3);
    expect(stuckDeliveries.every((d) => d.status === 'pending' && d.attempts.length === 0)).toBe(true);
    await hanging.close();
  });

  it('when a receiver redirects then the redirect is not followed and the attempt fails', async () => {
    const target = await receiver();
    const redirecting = await receiver((_req, res) => {
      res.writeHead(302, { location: target.url }).end();
    });
    const { id } = await register(redirecting.url);
    await makeEmployee();
    await waitFor(async () => ((await deliveries(id))[0]?.attempts.length ?? 0) >= 1);
    expect((await deliveries(id))[0]?.attempts[0]).toMatchObject({ outcome: 'failed', responseCode: 302 });
    expect(target.received).toHaveLength(0);
    await request(app).delete(`/api/v1/webhooks/${id}`).set(admin.auth).expect(204);
  });

  it('when an admin redelivers a delivered event then it is sent again with the same webhook-id', async () => {
    const endpoint = await receiver();
    const { id } = await register(endpoint.url);
    await makeEmployee();
    await waitFor(async () => (await deliveries(id))[0]?.status === 'delivered');
    const [delivery] = await deliveries(id);
    await request(app)
      .post(`/api/v1/webhooks/${id}/deliveries/${delivery!.id}/redeliver`)
      .set(admin.auth)
      .expect(202);
    await waitFor(() => endpoint.received.length === 2);
    expect(endpoint.received.map((r) => r.headers['webhook-id'])).toEqual([delivery!.id, delivery!.id]);
    await request(app)
      .post(`/api/v1/webhooks/${id}/deliveries/6566f0000000000000000000/redeliver`)
      .set(admin.auth)
      .expect(404);
  });

  it('when a webhook is deleted then it is gone and a second delete is 404', async () => {
    const { id } = await register('http://127.0.0.1:9/hook');
    await request(app).delete(`/api/v1/webhooks/${id}`).set(admin.auth).expect(204);
    await request(app).delete(`/api/v1/webhooks/${id}`).set(admin.auth).expect(404);
    await request(app).get(`/api/v1/webhooks/${id}/deliveries`).set(admin.auth).expect(404);
  });
});

describe('private addresses', () => {
  afterEach(() => setConfigForTests({ WEBHOOK_ALLOW_PRIVATE: true }));

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://10.1.2.3/hook',
    'http://[::1]/hook',
    'http://169.254.169.254/latest',
  ])('when WEBHOOK_ALLOW_PRIVATE is off and the URL is %s then 422 naming url', async (url) => {
    setConfigForTests({ WEBHOOK_ALLOW_PRIVATE: false });
    const res = await request(app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ url, events: ['leave.approved'] })
      .expect(422);
    expect(res.body).toMatchObject({ errors: [{ field: 'url' }] });
  });

  it('when addresses are checked then private, loopback, mapped and reserved ones are private and public ones are not', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.20.1.1',
      '192.168.1.1',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '100.64.0.1',
    ])
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:8.8.8.8'])
      expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('when the URL is not http(s) then 400 naming url', async () => {
    const res = await request(app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ url: 'ftp://example.com/x', events: ['leave.approved'] })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('url');
  });
});
