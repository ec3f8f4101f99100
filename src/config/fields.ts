import { z } from 'zod';

/** The building blocks of the configuration schema: groups, descriptions and value types. */

export const CONFIG_GROUPS = [
  'Server',
  'Database',
  'Sign-in and tokens',
  'Limits',
  'Logs and mail',
  'Working time',
  'Jobs and retention',
  'First admin',
] as const;

export interface VariableDoc {
  /** What it means, one or two sentences. */
  about: string;
  group: (typeof CONFIG_GROUPS)[number];
  /** The default as an operator writes it, when the schema's own default is not that (or is computed). */
  shown?: string;
  /** A value for .env.example when the variable has no default. */
  example?: string;
}

/** Attaches the description to the variable's schema (zod's metadata registry). */
export function v<T extends z.ZodType>(field: T, doc: VariableDoc): T {
  return field.meta({ description: doc.about, ...doc });
}

export const boolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');
export const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
export const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
/** `500kb`, `10mb` -> bytes. */
export const size = z
  .string()
  .regex(/^\d+(b|kb|mb)$/i, 'must look like 10mb or 500kb')
  .transform((value) => {
    const [, amount = '0', unit = 'b'] = /^(\d+)(b|kb|mb)$/i.exec(value) ?? [];
    return Number(amount) * (UNIT_BYTES[unit.toLowerCase()] ?? 1);
  });
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm');
