export { integrationRoutes } from './integrations.routes';
export { subscribeIntegrationsToEvents } from './integrations.subscribers';
export { startWebhookWorker } from './delivery-worker';
export type { RunningWorker } from './delivery-worker';
