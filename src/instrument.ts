import { tryGetConfig } from './config';
import { startTracing } from './lib/tracing';

/**
 * Imported first by the server, before express and mongodb load: tracing is on when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set and off otherwise. A bad configuration is reported by the
 * server's own start (tryGetConfig never throws).
 */
const config = tryGetConfig();
startTracing({ endpoint: config?.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config?.OTEL_SERVICE_NAME });
