/**
 * `npm run docs:config`: writes .env.example and docs/configuration.md from the descriptions in
 * src/config/variables-*.ts. `tests/config/config.test.ts` fails when the files are out of date.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderConfigTable, renderEnvExample } from '../src/config/describe';

const ROOT = path.resolve(__dirname, '..');
export const ENV_EXAMPLE = path.join(ROOT, '.env.example');
export const CONFIG_PAGE = path.join(ROOT, 'docs', 'configuration.md');

const INTRO = `# Configuration

<!-- Generated from src/config/variables-*.ts by \`npm run docs:config\`; edit the descriptions there. -->

One module (\`src/config\`) reads the environment once at startup and validates it. A missing or bad value
stops startup with one line naming the variable, for example
\`Invalid configuration: JWT_SECRET is required when NODE_ENV=production\`. \`npm run dev\` reads \`.env\` when
present; [.env.example](../.env.example) lists the same variables with their defaults.
`;

/** The two files as they should be, keyed by path. */
export function expectedConfigFiles(): Record<string, string> {
  const page = `${INTRO}\n${renderConfigTable()}\n`;
  return { [ENV_EXAMPLE]: renderEnvExample(), [CONFIG_PAGE]: page };
}

async function main(): Promise<void> {
  for (const [file, text] of Object.entries(expectedConfigFiles())) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current === text) continue;
    await writeFile(file, text);
    console.log(`wrote ${path.relative(ROOT, file)}`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
