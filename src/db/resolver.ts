import { recentMemoryServerFailure, MEMORY_SERVER_MARKER, startMemoryServer } from './memory-server';
import { startStandIn } from './standin';
import type { RunningDatabase } from './types';

export type BackendChoice = 'auto' | 'uri' | 'memory-server' | 'standin';

export interface ResolveOptions {
  uri?: string | undefined;
  backend?: BackendChoice;
  log: (message: string) => void;
}

/**
 * Picks the database, in the order design.md gives: MONGODB_URI, then a real mongod through
 * mongodb-memory-server, then the offline stand-in. Says which it picked and why it skipped the others.
 */
export async function resolveDatabase({
  uri,
  backend = 'auto',
  log,
}: ResolveOptions): Promise<RunningDatabase> {
  if (backend === 'uri' || (backend === 'auto' && uri)) {
    if (!uri) throw new Error('DB_BACKEND=uri needs MONGODB_URI');
    log('Database: using MONGODB_URI');
    return { uri, backend: 'uri', stop: async () => {} };
  }
  const skipped: string[] = [];
  if (backend === 'auto') skipped.push('MONGODB_URI is not set');

  if (backend === 'auto' || backend === 'memory-server') {
    const recent = backend === 'auto' ? recentMemoryServerFailure() : undefined;
    if (recent) {
      skipped.push(
        `mongodb-memory-server failed at ${recent.failedAt} (${recent.reason}); not retried for 24 h ` +
          `(delete ${MEMORY_SERVER_MARKER} or set DB_BACKEND=memory-server to retry)`,
      );
    } else {
      try {
        const db = await startMemoryServer();
        log(`Database: mongodb-memory-server (real mongod) at ${db.uri}${describeSkipped(skipped)}`);
        return db;
      } catch (err) {
        if (backend === 'memory-server') throw err;
        skipped.push(`mongodb-memory-server failed (${err instanceof Error ? err.message : String(err)})`);
      }
    }
  }

  const db = await startStandIn();
  log(`Database: offline stand-in mongo-java-server at ${db.uri}${describeSkipped(skipped)}`);
  return db;
}

function describeSkipped(skipped: string[]): string {
  return skipped.length > 0 ? `; skipped: ${skipped.join('; ')}` : '';
}
