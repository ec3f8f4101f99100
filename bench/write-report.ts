import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeReport } from './report';
import type { BenchResult } from './run';

/** `npx tsx bench/write-report.ts bench/results/<time>.json`: rewrites docs/performance.md from saved results. */
const file = process.argv[2];
if (!file) {
  console.error('usage: tsx bench/write-report.ts bench/results/<time>.json');
  process.exit(2);
}
const result = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
writeReport(result, path.resolve(__dirname, '..', 'docs', 'performance.md')).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
