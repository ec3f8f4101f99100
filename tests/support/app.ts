import type { BuildOptions } from '../../src/app';
import { buildApp } from '../../src/app';

/** The real app, as the server builds it (optionally with extra routes for error-path tests). */
export function testApp(options: BuildOptions = {}) {
  return buildApp(options).app;
}
