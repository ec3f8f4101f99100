import { spawn } from 'node:child_process';
import path from 'node:path';
import { startTracing } from '../../src/lib/tracing';
import { testDatabaseUri } from '../support/database';

interface ProbeSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  dbSystem?: string;
  status: number;
}

const ROOT = path.resolve(__dirname, '../..');
const SERVER_KIND = 1;

/** Runs the probe in a process of its own: OpenTelemetry patches modules as Node loads them. */
function runProbe(): Promise<{ spans: ProbeSpan[]; logs: Array<Record<string, unknown>> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'tests/support/probes/trace-probe.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, TEST_MONGODB_URI: testDatabaseUri(), LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = out.split('\n').filter(Boolean);
      const spansLine = lines.find((l) => l.startsWith('SPANS '));
      if (code !== 0 || !spansLine) return reject(new Error(`probe exited ${code}: ${err}\n${out}`));
      const logs = lines
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ spans: JSON.parse(spansLine.slice(6)) as ProbeSpan[], logs });
    });
  });
}

describe('tracing', () => {
  it('when a request reads the database then one trace spans the HTTP request and its MongoDB commands, and its log line carries both ids', async () => {
    const { spans, logs } = await runProbe();
    const server = spans.find((s) => s.kind === SERVER_KIND);
    expect(server).toBeDefined();
    expect(server!.status).toBe(401);
    const mongo = spans.filter((s) => s.dbSystem === 'mongodb');
    expect(mongo.length).toBeGreaterThanOrEqual(1);
    expect(mongo.every((s) => s.traceId === server!.traceId)).toBe(true);
    expect(server!.name).toBe('POST /api/v1/auth/login');
    const express = spans.filter((s) => s.name.startsWith('middleware - '));
    expect(express.map((s) => s.name)).toContain('middleware - requestId');
    expect(express.every((s) => s.traceId === server!.traceId)).toBe(true);

    const access = logs.find((l) => String(l.message).startsWith('POST /api/v1/auth/login 401'));
    expect(access).toMatchObject({ requestId: 'probe-request-1', traceId: server!.traceId });
  }, 90_000);

  it('when no OTLP endpoint is configured then tracing stays off', () => {
    expect(startTracing({})).toBe(false);
  });
});
