import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import prettier from 'prettier';
import type { PeopleOpsResult } from './people-ops';
import { fmt, summarize } from './stats';

/** The CSV import and export section of docs/performance.md. */
const HEADING = '## People operations: CSV import and export';
const IMPORT_GOAL_SECONDS = 30;

function seconds(values: number[]): string {
  const s = summarize(values);
  return `${fmt(s.median, 1)} s (${fmt(s.min, 1)}-${fmt(s.max, 1)})`;
}

export function peopleOpsSection(p: PeopleOpsResult): string {
  const create = summarize(p.import.createSeconds);
  const verdict =
    create.max < IMPORT_GOAL_SECONDS
      ? `Every run imports ${fmt(p.import.rows)} new employees in under ${IMPORT_GOAL_SECONDS} s (goal).`
      : `Slower than the ${IMPORT_GOAL_SECONDS} s goal in at least one run.`;
  const [small, large] = p.export;
  const growth =
    small && large
      ? `${fmt(large.rows / small.rows, 1)}× the rows took ${fmt(large.rssPeakMb - large.rssStartMb)} MB above the starting RSS against ${fmt(small.rssPeakMb - small.rssStartMb)} MB: memory does not follow the row count.`
      : '';
  return `${HEADING}

**Import.** \`POST /api/v1/imports/employees\` with a ${fmt(p.import.rows)}-row CSV (${fmt(p.import.rows / 25)} teams of 25, each
manager a row of the file, departments and managers referenced by code), on the stand-in, ${p.import.createSeconds.length} runs
(median, min-max), each from an empty employee list:

| Request | Time |
| --- | --- |
| \`?dryRun=true\` (parse, check every row against the stored data, write nothing) | ${seconds(p.import.dryRunSeconds)} |
| first import: ${fmt(p.import.rows)} employees created with their managers (one bulk write) | ${seconds(p.import.createSeconds)} |
| the same file again: all unchanged, nothing written | ${seconds(p.import.unchangedSeconds)} |
| every row changed (first name): ${fmt(p.import.rows)} updates | ${seconds(p.import.updateSeconds)} |

${verdict}

**Export.** \`GET /api/v1/attendance?format=csv\` over ${fmt(p.seededDays)} seeded daily records (seeded in ${fmt(p.seedSeconds, 1)} s),
downloaded by the bench as it arrives; the API process samples its resident memory (RSS) every 20 ms, each
size on a fresh API process:

| Rows | Time | CSV size | RSS before | Peak RSS during |
| --- | --- | --- | --- | --- |
${p.export
  .map(
    (e) =>
      `| ${fmt(e.rows)} | ${fmt(e.seconds, 1)} s | ${fmt(e.megabytes)} MB | ${fmt(e.rssStartMb)} MB | ${fmt(e.rssPeakMb)} MB |`,
  )
  .join('\n')}

${growth} The growth itself is the same at both sizes;
most likely it is heap V8 has not collected yet (\`npm run bench\` runs the API with
\`--max-old-space-size=8192\`), which this bench does not separate out. The rows come from a cursor in batches of 1,000 through csv-stringify into the response with
back-pressure (\`stream.pipeline\`), and employee names come from a bounded cache, so a slow client slows the
cursor instead of filling memory. On the stand-in most of the time is the database sorting and serving the
records; a real MongoDB reads them in index order (\`{date, employeeId}\`).
`;
}

/** For `npm run bench -- --only people`: rewrites only this section, keeping the rest of the file. */
export async function writePeopleOpsSection(p: PeopleOpsResult, file: string): Promise<void> {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const section = peopleOpsSection(p);
  const start = text.indexOf(HEADING);
  let updated: string;
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + HEADING.length);
    updated = `${text.slice(0, start)}${section}\n${next >= 0 ? text.slice(next + 1) : ''}`;
  } else {
    const before = text.indexOf('\n## Fixes from profiling');
    updated =
      before >= 0
        ? `${text.slice(0, before + 1)}${section}\n${text.slice(before + 1)}`
        : `${text}\n${section}`;
  }
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(updated, { ...options, filepath: file }));
}
