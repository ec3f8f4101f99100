import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (100 on most Linux systems). */
let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const answer = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
    ticksPerSecond = Number.isFinite(answer) && answer > 0 ? answer : 100;
  }
  return ticksPerSecond;
}

/**
 * CPU time (user + system, every thread) a process has used so far, in milliseconds, from
 * /proc/<pid>/stat; undefined where there is no such file (another OS, a database elsewhere).
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // The command name (field 2) may hold spaces: the fields that follow start after its ')'.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : undefined;
  } catch {
    return undefined;
  }
}

/** CPU milliseconds each process spent while `work` ran (this process's own included as `bench`). */
export interface CpuSpent {
  apiMs: number;
  databaseMs?: number;
  benchMs: number;
}

export async function cpuDuring(
  pids: { api: number | undefined; database: number | undefined },
  work: () => Promise<void>,
): Promise<CpuSpent> {
  const api = processCpuMs(pids.api);
  const database = processCpuMs(pids.database);
  const bench = process.cpuUsage();
  await work();
  const benchUsed = process.cpuUsage(bench);
  const apiAfter = processCpuMs(pids.api);
  const databaseAfter = processCpuMs(pids.database);
  return {
    apiMs: api !== undefined && apiAfter !== undefined ? apiAfter - api : 0,
    ...(database !== undefined && databaseAfter !== undefined
      ? { databaseMs: databaseAfter - database }
      : {}),
    benchMs: (benchUsed.user + benchUsed.system) / 1000,
  };
}

/** The sums of several measurements. */
export function addCpu(a: CpuSpent, b: CpuSpent): CpuSpent {
  return {
    apiMs: a.apiMs + b.apiMs,
    ...(a.databaseMs !== undefined || b.databaseMs !== undefined
      ? { databaseMs: (a.databaseMs ?? 0) + (b.databaseMs ?? 0) }
      : {}),
    benchMs: a.benchMs + b.benchMs,
  };
}
