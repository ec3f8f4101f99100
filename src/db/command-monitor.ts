import mongoose from 'mongoose';

/** Database commands seen while counting, by command name (find, aggregate, getMore, insert, ...). */
export type CommandCounts = Record<string, number>;

/**
 * Counts the commands the driver sends from now until the returned function is called. Needs a
 * connection opened with `monitorCommands: true`. Handshakes and heartbeats are not commands here.
 */
export function startCountingCommands(): () => CommandCounts {
  const client = mongoose.connection.getClient();
  const counts: CommandCounts = {};
  const onStarted = (event: { commandName: string }) => {
    counts[event.commandName] = (counts[event.commandName] ?? 0) + 1;
  };
  client.on('commandStarted', onStarted);
  return () => {
    client.off('commandStarted', onStarted);
    return counts;
  };
}

/** All commands except `getMore`, whose number follows result size (cursor batches), not query count. */
export function queriesIn(counts: CommandCounts): number {
  return Object.entries(counts).reduce((sum, [name, n]) => (name === 'getMore' ? sum : sum + n), 0);
}
