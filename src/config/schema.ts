import { z } from 'zod';
import { PLATFORM_VARIABLES } from './variables-platform';
import { WORK_VARIABLES } from './variables-work';

export { CONFIG_GROUPS } from './fields';
export type { VariableDoc } from './fields';

/**
 * Every variable the service reads, each described once (variables-*.ts). `.env.example` and the
 * table in docs/configuration.md are generated from these descriptions (`npm run docs:config`; a test
 * fails when they are out of date), so the three never disagree.
 */
export const configSchema = z.object({ ...PLATFORM_VARIABLES, ...WORK_VARIABLES });

export type RawConfig = z.infer<typeof configSchema>;
