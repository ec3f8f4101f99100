import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config';

const PRODUCTION = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db:27017/hr',
  JWT_SECRET: 'x'.repeat(40),
};

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('configuration was accepted');
}

describe('configuration', () => {
  it('when nothing is set in development then safe defaults apply', () => {
    const config = loadConfig({});
    expect(config.NODE_ENV).toBe('development');
    expect(config.PORT).toBe(3000);
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(config.BODY_LIMIT).toBe('1mb');
    expect(config.DB_SEED_DEMO).toBe(true);
  });

  it('when production lacks MONGODB_URI then startup is refused naming it', () => {
    expect(refusal({ ...PRODUCTION, MONGODB_URI: undefined })).toBe(
      'Invalid configuration: MONGODB_URI is required when NODE_ENV=production',
    );
  });

  it('when production lacks JWT_SECRET then startup is refused naming it', () => {
    expect(refusal({ ...PRODUCTION, JWT_SECRET: '' })).toBe(
      'Invalid configuration: JWT_SECRET is required when NODE_ENV=production',
    );
  });

  it('when a value is malformed then the message names the variable and the problem', () => {
    expect(refusal({ PORT: 'eighty' })).toMatch(/^Invalid configuration: PORT .*eighty/);
    expect(refusal({ COMPANY_TIMEZONE: 'Mars/Olympus' })).toMatch(
      /COMPANY_TIMEZONE must be an IANA time zone/,
    );
    expect(refusal({ MONGODB_URI: 'postgres://x' })).toMatch(/MONGODB_URI must start with mongodb:\/\//);
    expect(refusal({ BCRYPT_COST: '4' })).toMatch(/^Invalid configuration: BCRYPT_COST/);
  });

  it('when a secret is malformed then its value is not echoed', () => {
    const message = refusal({ JWT_SECRET: 'short-secret' });
    expect(message).toMatch(/JWT_SECRET must be at least 32 characters/);
    expect(message).not.toContain('short-secret');
  });

  it('when only one bootstrap admin variable is set then the other is named', () => {
    expect(refusal({ BOOTSTRAP_ADMIN_EMAIL: 'admin@example.com' })).toMatch(
      /BOOTSTRAP_ADMIN_PASSWORD is required/,
    );
  });

  it('when production is complete then it loads with JSON logs', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.isProduction).toBe(true);
    expect(config.LOG_FORMAT).toBe('json');
    expect(config.DB_SEED_DEMO).toBe(false);
  });
});

describe('.env.example', () => {
  it('when a variable is read by the config then .env.example documents it', () => {
    const text = readFileSync(`${__dirname}/../../.env.example`, 'utf8');
    const documented = new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(CONFIG_VARIABLES.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('when a variable is read by the config then the README configuration table has a row for it', () => {
    const rows = readFileSync(`${__dirname}/../../README.md`, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    expect(CONFIG_VARIABLES.filter((name) => !rows.some((row) => row.includes(`\`${name}\``)))).toEqual([]);
  });
});
