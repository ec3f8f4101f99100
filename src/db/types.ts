export type DatabaseBackend = 'uri' | 'memory-server' | 'standin';

export interface RunningDatabase {
  uri: string;
  backend: DatabaseBackend;
  pid?: number | undefined;
  /** Stops a server this process started; a no-op for an external MONGODB_URI. */
  stop(): Promise<void>;
}
