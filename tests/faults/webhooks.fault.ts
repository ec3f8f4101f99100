import type { Types } from 'mongoose';
import { Delivery } from '../../src/modules/integrations/delivery.model';
import { latestSequence, recordIntegrationEvent } from '../../src/modules/integrations/events.service';
import { newSecret } from '../../src/modules/integrations/signature';
import { Webhook } from '../../src/modules/integrations/webhook.model';
import { useTestDatabase } from '../support/database';
import type { Receiver } from '../modules/integrations/receiver';
import { startReceiver } from '../modules/integrations/receiver';
import type { ApiProcess } from './support/api-process';
import { startApi, waitFor } from './support/api-process';

/**
 * Webhook deliveries across API processes: two instances deliver each event once per endpoint, and
 * an instance killed mid-delivery loses nothing (its leases run out and another instance sends).
 */
useTestDatabase();
const PER_ENDPOINT = 2;
const ENV = {
  JOBS_ENABLED: 'true',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_POLL_MS: '100',
  WEBHOOK_RETRY_BASE_MS: '200',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_CONCURRENCY_PER_ENDPOINT: String(PER_ENDPOINT),
  LEASE_SECONDS: '2',
};
const running: ApiProcess[] = [];
const receivers: Receiver[] = [];

afterAll(async () => {
  await Promise.all(running.map((p) => p.kill()));
  await Promise.all(receivers.map((r) => r.close()));
});

async function endpointWithEvents(count: number, answerMs: number, tag: string) {
  const receiver = await startReceiver((_req, res) => {
    setTimeout(() => res.writeHead(200).end(), answerMs);
  });
  receivers.push(receiver);
  const webhook = await Webhook.create({
    url: receiver.url,
    events: ['employee.updated'],
    secret: newSecret(),
    cursor: await latestSequence(),
  });
  for (let i = 0; i < count; i++)
    await recordIntegrationEvent({
      key: `fault:${tag}:${i}`,
      type: 'employee.updated',
      occurredAt: new Date(),
      data: { i },
    });
  return { receiver, webhookId: webhook._id };
}

const delivered = (webhookId: Types.ObjectId) => Delivery.countDocuments({ webhookId, status: 'delivered' });
const ids = (receiver: Receiver) => receiver.received.map((r) => r.headers['webhook-id']);

describe('webhook deliveries across API processes', () => {
  it('when two instances run then each event reaches the endpoint exactly once', async () => {
    const { receiver, webhookId } = await endpointWithEvents(40, 20, 'two');
    const [a, b] = await Promise.all([startApi(ENV), startApi(ENV)]);
    running.push(a, b);
    await waitFor('all 40 deliveries', async () => (await delivered(webhookId)) === 40);
    const received = ids(receiver);
    expect(received).toHaveLength(40);
    expect(new Set(received).size).toBe(40);
    expect(await Delivery.countDocuments({ webhookId })).toBe(40);
    await Promise.all([a.kill(), b.kill()]);
  });

  it('when an instance is killed mid-delivery and another starts then every event still arrives, with no new delivery ids', async () => {
    const { receiver, webhookId } = await endpointWithEvents(20, 300, 'kill');
    const first = await startApi(ENV);
    running.push(first);
    await waitFor('a few deliveries to start', () => receiver.received.length >= 3);
    await first.kill();
    const second = await startApi(ENV);
    running.push(second);
    await waitFor('all 20 deliveries', async () => (await delivered(webhookId)) === 20);
    const deliveryIds = (await Delivery.find({ webhookId }, { _id: 1 }).lean()).map((d) => String(d._id));
    expect(deliveryIds).toHaveLength(20);
    expect(new Set(ids(receiver))).toEqual(new Set(deliveryIds));
    // At least once: only the attempts in flight at the kill may arrive twice.
    expect(receiver.received.length).toBeLessThanOrEqual(20 + PER_ENDPOINT);
  });
});
