import autocannon from 'autocannon';

/** Sequential requests over which commands per request are counted. */
export const COUNTED_REQUESTS = 50;

/** Labels the overhead row measured with the user cache off. */
export const CACHE_OFF = 'AUTH_USER_CACHE_SECONDS=0';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
}

/** Requests per second and latency for one URL under `connections` concurrent keep-alive clients. */
export async function load(
  url: string,
  headers: Record<string, string>,
  durationSeconds: number,
  connections = 10,
): Promise<LoadResult> {
  const result = await autocannon({ url, headers, duration: durationSeconds, connections });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}
