import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config';
import { describeConfig, renderConfigTable, renderEnvExample } from '../../src/config/describe';
import { expectedConfigFiles } from '../../scripts/docs-config';

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
    expect(refusal({ BCRYPT_COST: '4' })).toMatch(/^Invalid configuration: BCRYPT_COST must be at least 10/);
    expect(refusal({ BCRYPT_COST: '3', NODE_ENV: 'test' })).toMatch(/^Invalid configuration: BCRYPT_COST/);
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

describe('generated configuration docs', () => {
  it('when the config schema changes then .env.example and docs/configuration.md are regenerated (npm run docs:config)', () => {
    for (const [file, expected] of Object.entries(expectedConfigFiles())) {
      expect({ file, text: readFileSync(file, 'utf8') }).toEqual({ file, text: expected });
    }
  });

  it('when a variable is read by the config then it has a description and a row in the docs table', () => {
    const described = describeConfig();
    expect(described.map((variable) => variable.name)).toEqual(CONFIG_VARIABLES);
    const table = renderConfigTable(described);
    for (const name of CONFIG_VARIABLES) expect(table).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
  });

  it('when a variable has no default then .env.example shows it commented out with an example value', () => {
    const text = renderEnvExample();
    expect(text).toContain('# MONGODB_URI=mongodb://localhost:27017/attendance');
    expect(text).toMatch(/^PORT=3000$/m);
    expect(text).toMatch(/^WORK_WEEK=1,2,3,4,5$/m);
  });
});
