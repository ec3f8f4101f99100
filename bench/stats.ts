/** Median and spread of repeated measurements: these machines are noisy, one run proves nothing. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** (max - min) / median, as a percentage. */
  spreadPct: number;
  runs: number;
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) throw new Error('no measurements');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  return {
    median,
    min,
    max,
    spreadPct: median === 0 ? 0 : ((max - min) / median) * 100,
    runs: values.length,
  };
}

/** Ratios of paired runs (same run, measured back to back), summarized. */
export function ratios(numerators: number[], denominators: number[]): Summary {
  return summarize(numerators.map((n, i) => n / (denominators[i] ?? Number.NaN)));
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const pct = (s: Summary) => `${fmt(s.median * 100)}% (${fmt(s.min * 100)}-${fmt(s.max * 100)}%)`;

/** `n` and the noun, in the plural unless n is 1: "1 batch", "2 batches". */
export const count = (n: number, one: string, many: string) => `${fmt(n)} ${n === 1 ? one : many}`;
