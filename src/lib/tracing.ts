import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';

export interface TracingOptions {
  /** OTLP/HTTP base URL (the exporter adds /v1/traces); unset and no processors: tracing stays off. */
  endpoint?: string;
  serviceName?: string;
  /** Extra processors (tests pass an in-memory exporter's). */
  spanProcessors?: SpanProcessor[];
}

let sdk: NodeSDK | undefined;

/**
 * OpenTelemetry for the HTTP server, Express routing and every MongoDB command, exported over OTLP.
 * Must run before express, http and mongodb are first required (src/instrument.ts is the first
 * import of the server), because the instrumentations patch those modules as they load.
 * Returns false (and does nothing) when neither an endpoint nor a processor is given.
 */
export function startTracing(options: TracingOptions): boolean {
  if (sdk) return true;
  const processors = [...(options.spanProcessors ?? [])];
  if (options.endpoint) processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }));
  if (processors.length === 0) return false;
  sdk = new NodeSDK({
    serviceName: options.serviceName ?? 'attendance-leave-api',
    spanProcessors: processors,
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes would drown the traces that matter.
        ignoreIncomingRequestHook: (req) => /^\/(health|ready|metrics)\b/.test(req.url ?? ''),
      }),
      new ExpressInstrumentation(),
      new MongoDBInstrumentation({ dbStatementSerializer: () => '[redacted]' }),
    ],
  });
  sdk.start();
  return true;
}

/** Flushes and stops the exporter (graceful shutdown). */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
