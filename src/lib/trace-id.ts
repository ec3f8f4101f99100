import { trace } from '@opentelemetry/api';

/** The trace id of the span active here, if tracing is on and a span is active (API only: no SDK load). */
export function activeTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) ? context.traceId : undefined;
}
