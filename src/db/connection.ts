import mongoose from 'mongoose';
import { watchServerMonitor } from './monitor-watchdog';

// Query filters from user input can never smuggle operators like {$ne: null}: Mongoose wraps
// them in $eq. Code that needs an operator on user input says so with mongoose.trusted().
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);
// A request must not hang while the database is away: fail fast and answer 503.
mongoose.set('bufferTimeoutMS', 3000);

export interface ConnectOptions {
  dbName?: string;
  serverSelectionTimeoutMS?: number;
  /** Emit the driver's command events (tests and benchmarks count database commands per request). */
  monitorCommands?: boolean;
  /**
   * The longest an operation waits for a usable server (driver server selection and Mongoose's
   * buffering while disconnected); the server passes READY_TIMEOUT_MS so no request hangs longer.
   */
  operationWaitMS?: number;
  /** Build no indexes and create no collections on connect (the read-only invariant checker). */
  readOnly?: boolean;
  /**
   * How long a connection attempt or a server check may take before the server counts as down
   * (default 10 s). The bench raises it: its stand-in holds gigabytes and can pause longer for one
   * full garbage collection, which would otherwise abort the commands in flight.
   */
  connectTimeoutMS?: number;
}

export const DEFAULT_DB_NAME = 'attendance';

/**
 * A new connection that gets no answer within this long counts as failed (the driver's default is
 * 30 s). It also bounds how long a wedged heartbeat goes unnoticed (see monitor-watchdog.ts).
 */
const CONNECT_TIMEOUT_MS = 10_000;
/** The driver's default: how often a healthy server is checked. */
const HEARTBEAT_FREQUENCY_MS = 10_000;

let stopWatchdog: (() => void) | undefined;

/** A URI without a database path would otherwise land in `test`. */
function hasDatabasePath(uri: string): boolean {
  const path = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri)?.[1];
  return Boolean(path);
}

export async function connectDatabase(uri: string, options: ConnectOptions = {}): Promise<typeof mongoose> {
  const dbName = options.dbName ?? (hasDatabasePath(uri) ? undefined : DEFAULT_DB_NAME);
  if (options.operationWaitMS) mongoose.set('bufferTimeoutMS', options.operationWaitMS);
  const connected = await mongoose.connect(uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? options.operationWaitMS ?? 5000,
    connectTimeoutMS: options.connectTimeoutMS ?? CONNECT_TIMEOUT_MS,
    heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS,
    ...(options.monitorCommands ? { monitorCommands: true } : {}),
    ...(options.readOnly ? { autoIndex: false, autoCreate: false } : {}),
    ...(dbName ? { dbName } : {}),
  });
  stopWatchdog?.();
  stopWatchdog = watchServerMonitor(mongoose.connection.getClient(), {
    connectTimeoutMS: options.connectTimeoutMS ?? CONNECT_TIMEOUT_MS,
    heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS,
  });
  return connected;
}

/** Builds every registered model's indexes; invariants (unique keys) depend on them existing. */
export async function ensureIndexes(): Promise<void> {
  await Promise.all(mongoose.modelNames().map((name) => mongoose.model(name).createIndexes()));
}

/** True when the database answers a ping within the timeout. Never throws. */
export async function pingDatabase(timeoutMs: number): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected || !db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const ping = db
      .admin()
      .command({ ping: 1 }, { timeoutMS: timeoutMs })
      .then((r) => r.ok === 1)
      .catch(() => false);
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function disconnectDatabase(): Promise<void> {
  stopWatchdog?.();
  stopWatchdog = undefined;
  await mongoose.disconnect();
}
