import { z } from 'zod';
import { CONFIG_GROUPS, configSchema, type VariableDoc } from './schema';

/** One configuration variable as the docs show it. */
export interface DescribedVariable extends VariableDoc {
  name: string;
  /** The default as written in an environment file; undefined when there is none. */
  default: string | undefined;
}

/** The schema's own default, written the way an operator would set it. */
function schemaDefault(field: z.ZodType): string | undefined {
  if (!(field instanceof z.ZodDefault)) return undefined;
  const value: unknown = field.def.defaultValue;
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

export function describeConfig(): DescribedVariable[] {
  return Object.entries(configSchema.shape).map(([name, field]) => {
    const meta = field.meta() as Partial<VariableDoc> | undefined;
    if (!meta?.about || !meta.group) throw new Error(`Configuration variable ${name} has no description`);
    const doc: VariableDoc = { about: meta.about, group: meta.group };
    if (meta.shown !== undefined) doc.shown = meta.shown;
    if (meta.example !== undefined) doc.example = meta.example;
    return { name, ...doc, default: schemaDefault(field) };
  });
}

const HEADER = [
  '# Generated from src/config/variables-*.ts by `npm run docs:config`; edit the descriptions there.',
  '# Copy to .env for local runs (`npm run dev` reads it when present). Every variable is optional in',
  '# development; production (NODE_ENV=production) requires MONGODB_URI and JWT_SECRET.',
];

/** Markdown-free text for a comment line. */
const plain = (text: string): string => text.replace(/\*\*|`/g, '');

/** `.env.example`: every variable under its group, set to its default or commented out with an example. */
export function renderEnvExample(variables = describeConfig()): string {
  const lines = [...HEADER];
  for (const group of CONFIG_GROUPS) {
    lines.push('', `# ---- ${group}`);
    for (const variable of variables.filter((item) => item.group === group)) {
      lines.push(`# ${plain(variable.about)}`);
      if (variable.default !== undefined) lines.push(`${variable.name}=${variable.default}`);
      else lines.push(`# ${variable.name}=${variable.example ?? ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** Pads every column to its widest cell, as Prettier formats Markdown tables, so the page stays stable. */
function alignedTable(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(3, ...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: string[]) =>
    `| ${row.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const [header = [], ...body] = rows;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** The Markdown table of docs/configuration.md. */
export function renderConfigTable(variables = describeConfig()): string {
  const rows = [['Variable', 'Default', 'Meaning']];
  for (const group of CONFIG_GROUPS) {
    rows.push([`**${group}**`, '', '']);
    for (const variable of variables.filter((item) => item.group === group)) {
      const shown = variable.shown ?? variable.default ?? '';
      const value =
        shown === '' ? '—' : shown.startsWith('`') || shown.includes(' ') ? shown : `\`${shown}\``;
      rows.push([`\`${variable.name}\``, cell(value), cell(variable.about)]);
    }
  }
  return alignedTable(rows);
}
