import { spawn } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { testDatabaseUri } from '../support/database';

const ROOT = path.resolve(__dirname, '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs src/server.ts as a real process; `onStdout` may act on its output (e.g. send a signal). */
function runServer(
  env: NodeJS.ProcessEnv,
  onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void,
): Promise<Run> {
  return new Promise((resolve) => {
    // Node itself runs the server (tsx as a loader), so a signal reaches the server process and not
    // a wrapper that forwards it: under load the wrapper's forwarding raced with its own exit.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, (signal) => child.kill(signal));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('server process', () => {
  it('when production config lacks a secret then it exits 1 with one line naming it', async () => {
    const run = await runServer({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://127.0.0.1:1/x' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  });

  it('when SIGTERM arrives then it closes and exits 0 within the shutdown timeout', async () => {
    let signalled = false;
    const started = Date.now();
    const run = await runServer(
      {
        NODE_ENV: 'production',
        MONGODB_URI: `${testDatabaseUri()}/server_process_test`,
        JWT_SECRET: 'y'.repeat(40),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      (text, kill) => {
        if (!signalled && text.includes('API listening')) {
          signalled = true;
          kill('SIGTERM');
        }
      },
    );
    expect(signalled).toBe(true);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Shutdown complete');
    expect(Date.now() - started).toBeLessThan(20_000);
    // Production logs are JSON lines.
    const firstLine = run.stdout.split('\n').find(Boolean) ?? '';
    expect(() => JSON.parse(firstLine) as unknown).not.toThrow();
  });

  it('when SIGTERM arrives during a request then that request still completes before the process exits', async () => {
    const port = await freePort();
    let response: Promise<number> | undefined;
    const run = await runServer(
      {
        NODE_ENV: 'production',
        MONGODB_URI: `${testDatabaseUri()}/server_inflight_test`,
        JWT_SECRET: 'y'.repeat(40),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      (text, kill) => {
        if (response || !text.includes('API listening')) return;
        response = new Promise<number>((resolve, reject) => {
          // A slow client: half the body now, the rest after the signal.
          const req = http.request(
            {
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: '/api/v1/auth/login',
              headers: { 'Content-Type': 'application/json' },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.write('{"email":"nobody@example.com",');
          setTimeout(() => {
            kill('SIGTERM');
            setTimeout(() => req.end('"password":"not-it"}'), 500);
          }, 200);
        });
      },
    );
    expect(await response).toBe(401);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Shutdown complete');
    // A real process starts (tsx, the whole app) and connects: slow on a loaded CI machine.
  }, 120_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
