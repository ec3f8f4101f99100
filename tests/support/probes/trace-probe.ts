// First: tracing must patch http, express and mongodb before they load.
import { exporter } from './tracing-setup';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { buildApp } from '../../../src/app';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../../src/db/connection';
import { stopTracing } from '../../../src/lib/tracing';

/**
 * Run by tests/lib/tracing.test.ts as a child process (Jest's module loader bypasses the hooks that
 * OpenTelemetry instrumentations rely on): serves one sign-in attempt, then prints the spans the
 * in-memory exporter holds as one `SPANS <json>` line. The app's own log lines go to stdout too.
 */
async function main(): Promise<void> {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set');
  await connectDatabase(uri, { dbName: `t_trace_probe_${process.pid}` });
  await ensureIndexes();
  exporter.reset();
  const server = buildApp().app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'probe-request-1' },
    body: JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password-1' }),
  });
  await res.text();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const spans = exporter.getFinishedSpans().map((span) => ({
    name: span.name,
    kind: span.kind,
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    dbSystem: span.attributes['db.system.name'] ?? span.attributes['db.system'],
    status: res.status,
  }));
  process.stdout.write(`SPANS ${JSON.stringify(spans)}\n`);
  await mongoose.connection.dropDatabase();
  await disconnectDatabase();
  await stopTracing();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
