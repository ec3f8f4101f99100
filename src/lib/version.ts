import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The package version, read at runtime so src/ and dist/ agree without importing outside rootDir. */
export const APP_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
