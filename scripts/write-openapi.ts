import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes the OpenAPI document the app serves to a file (default test-results/openapi.json), for the
 * linter (redocly) and the typed client generator (openapi-typescript). Nothing else is started.
 */
process.env.NODE_ENV ??= 'test';

async function main(): Promise<void> {
  const { buildApp } = await import('../src/app');
  const target = path.resolve(process.argv[2] ?? 'test-results/openapi.json');
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(buildApp().document, null, 2)}\n`);
  process.stdout.write(`OpenAPI document written to ${path.relative(process.cwd(), target)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
