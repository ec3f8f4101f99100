import type { Request, Response } from 'express';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { listEvents } from './events.service';
import { CreateWebhookBody, DELIVERY_PARAMS, EventsQuery } from './integrations.schemas';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, redeliver } from './webhooks.service';

export async function listEventsHandler(req: Request, res: Response): Promise<void> {
  const { after, limit } = queryOf(req, EventsQuery);
  res.json(await listEvents(after ? Number(after) : 0, limit ?? 100));
}

export async function createWebhookHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await createWebhook(bodyOf(req, CreateWebhookBody)));
}

export async function listWebhooksHandler(_req: Request, res: Response): Promise<void> {
  res.json(await listWebhooks());
}

export async function deleteWebhookHandler(req: Request, res: Response): Promise<void> {
  await deleteWebhook(paramsOf(req, ID_PARAMS).id);
  res.status(204).end();
}

export async function listDeliveriesHandler(req: Request, res: Response): Promise<void> {
  res.json(await listDeliveries(paramsOf(req, ID_PARAMS).id));
}

export async function redeliverHandler(req: Request, res: Response): Promise<void> {
  const { id, deliveryId } = paramsOf(req, DELIVERY_PARAMS);
  res.status(202).json(await redeliver(id, deliveryId));
}
