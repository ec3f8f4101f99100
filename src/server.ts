import './instrument';
import type { Server } from 'node:http';
import { buildApp } from './app';
import { ConfigError, getConfig } from './config';
import { connectDatabase, disconnectDatabase, ensureIndexes } from './db/connection';
import { resolveDatabase } from './db/resolver';
import { startUnfinishedWorkSweeper } from './db/unfinished-work';
import type { RunningDatabase } from './db/types';
import { startScheduler } from './jobs/scheduler';
import { startStaleDaysWorker } from './modules/attendance';
import { startWebhookWorker } from './modules/integrations';
import { startOutboxPump } from './modules/notifications';
import { onStartup } from './startup';
import { logger } from './lib/logger';
import { stopTracing } from './lib/tracing';

/** Entry point: config -> database -> listen, and an orderly exit on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = getConfig();
  const database = await resolveDatabase({
    uri: config.MONGODB_URI,
    backend: config.DB_BACKEND,
    log: (message) => logger.info(message),
  });
  await connectDatabase(database.uri, { operationWaitMS: config.READY_TIMEOUT_MS });
  await ensureIndexes();
  await onStartup(config);

  // With ICLOCK_PORT the terminals' push protocol gets a listener of its own (keep it off the
  // internet: see docs/security.md) and the API's port no longer serves it.
  const separate = config.ICLOCK_PORT !== undefined;
  const server = buildApp({ surface: separate ? 'api' : 'all' }).app.listen(config.PORT, config.HOST, () => {
    logger.info(`API listening on http://localhost:${config.PORT} (Swagger UI at /docs)`);
  });
  server.on('error', (err) => fail(err));
  const servers = [server];
  if (config.ICLOCK_PORT !== undefined) {
    const port = config.ICLOCK_PORT;
    const iclock = buildApp({ surface: 'iclock' }).app.listen(port, config.HOST, () => {
      logger.info(`ZKTeco push (/iclock) listening on port ${port}`);
    });
    iclock.on('error', (err) => fail(err));
    servers.push(iclock);
  }
  const background = config.JOBS_ENABLED
    ? [
        startScheduler(),
        startOutboxPump(),
        startWebhookWorker(),
        startUnfinishedWorkSweeper(config.UNFINISHED_WORK_SWEEP_SECONDS * 1000),
        startStaleDaysWorker(config.STALE_DAYS_INTERVAL_MS),
      ]
    : [];
  installShutdown(servers, database, config.SHUTDOWN_TIMEOUT_MS, () =>
    Promise.all(background.map((worker) => worker.stop())),
  );
}

function closeAll(servers: Server[], done: () => void): void {
  let open = servers.length;
  for (const server of servers) {
    server.close(() => {
      open -= 1;
      if (open === 0) done();
    });
    // Keep-alive sockets that carry no request would hold close() open until they time out.
    server.closeIdleConnections();
  }
}

function installShutdown(
  servers: Server[],
  database: RunningDatabase,
  timeoutMs: number,
  stopBackground: () => Promise<unknown>,
): void {
  let stopping = false;
  const shutdown = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info(`Shutting down (${reason}); finishing in-flight requests, the current job and email`);
    // unref: the timer only forces the exit, it must not keep a clean process alive.
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    // The scheduler and the pump start nothing new; the job or email in progress finishes (or, past
    // the deadline, its lease expires and another instance takes it over).
    const background = stopBackground();
    closeAll(servers, () => {
      void background
        .then(() => disconnectDatabase())
        .then(() => stopTracing())
        .then(() => database.stop())
        .then(() => {
          logger.info('Shutdown complete');
          process.exit(exitCode);
        })
        .catch((err: unknown) => {
          logger.error('Error during shutdown', { err: String(err) });
          process.exit(1);
        });
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM', 0));
  process.once('SIGINT', () => shutdown('SIGINT', 0));
  process.on('unhandledRejection', (reason) => {
    logger.error('Unhandled promise rejection', {
      reason: reason instanceof Error ? reason.stack : String(reason),
    });
    shutdown('unhandledRejection', 1);
  });
  process.on('uncaughtException', (err) => {
    logger.error('Uncaught exception', { stack: err.stack });
    shutdown('uncaughtException', 1);
  });
}

function fail(err: unknown): never {
  const message =
    err instanceof ConfigError
      ? err.message
      : err instanceof Error
        ? (err.stack ?? err.message)
        : String(err);
  // The logger may not exist yet when configuration itself is what failed.
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch(fail);
