/**
 * Reports against their bare pipelines: each report is requested once through the API while the
 * server captures the aggregations it sends (that request warms the API up); the bare side replays exactly those aggregations with
 * the driver (bench/server.ts, /replay/:label). Paired sequential requests, the side going first
 * alternating, so the ratio is API time over pipeline time on the same data and connection pool.
 */

export interface ReportTarget {
  report: string;
  path: string;
}

export interface ReportRuns {
  report: string;
  /** Milliseconds per request. */
  api: number[];
  bare: number[];
  /** Aggregations the report ran (what the bare side replays). */
  aggregations: number;
  /** The API process's resident memory over its requests of this report: lowest start, highest peak. */
  memory?: { startMb: number; peakMb: number };
}

type Memory = { startMb: number; peakMb: number };

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint();
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function measureReports(options: {
  api: string;
  bare: string;
  auth: Record<string, string>;
  targets: ReportTarget[];
  runs: number;
  capture: (label: string, work: () => Promise<void>) => Promise<number>;
  /** Samples the API process's memory during `work` (after a collection of what earlier work left). */
  memory: (work: () => Promise<void>) => Promise<Memory>;
  log: (line: string) => void;
}): Promise<ReportRuns[]> {
  const results: ReportRuns[] = [];
  for (const [i, target] of options.targets.entries()) {
    const label = `report${i}`;
    const apiUrl = options.api + target.path;
    const bareUrl = `${options.bare}/replay/${label}`;
    // The bare side replays in the same process: memory is sampled over the API's requests only.
    let memory: Memory | undefined;
    const apiRequest = async () => {
      let ms = 0;
      const m = await options.memory(async () => {
        ms = await timed(apiUrl, options.auth);
      });
      memory = memory
        ? { startMb: Math.min(memory.startMb, m.startMb), peakMb: Math.max(memory.peakMb, m.peakMb) }
        : m;
      return ms;
    };
    // The captured request is also the API's warm-up (JIT, the server's caches); then the bare
    // side's, then the paired runs.
    const aggregations = await options.capture(label, async () => {
      await apiRequest();
    });
    await timed(bareUrl, {});
    const runs: ReportRuns = { report: target.report, api: [], bare: [], aggregations };
    for (let r = 0; r < options.runs; r++) {
      if (r % 2 === 0) {
        runs.api.push(await apiRequest());
        runs.bare.push(await timed(bareUrl, {}));
      } else {
        runs.bare.push(await timed(bareUrl, {}));
        runs.api.push(await apiRequest());
      }
    }
    runs.memory = memory;
    options.log(
      `${target.report}: api ${runs.api.map((ms) => ms.toFixed(0)).join('/')} ms, bare ${runs.bare.map((ms) => ms.toFixed(0)).join('/')} ms, API memory ${memory?.startMb.toFixed(0)} -> ${memory?.peakMb.toFixed(0)} MB`,
    );
    results.push(runs);
  }
  return results;
}
