import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { startTracing } from '../../../src/lib/tracing';

/** Imported before anything loads express or mongodb, exactly like src/instrument.ts. */
export const exporter = new InMemorySpanExporter();
startTracing({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
