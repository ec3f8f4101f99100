import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { ConfigError, PUBLISHED_SECRETS, getConfig, loadConfig, setConfigForTests } from '../../src/config';
import { DEMO_ACCOUNTS, demoAccountsEnabled } from '../../src/seed-demo';

/**
 * Class: safe defaults (OWASP API8; ASVS 2.10.4, 6.4.1, 14.1.3 and 14.3.2). What is started without
 * thought runs in production mode; production refuses every secret anyone can read in this repository,
 * placeholders and short secrets; demo accounts (and their credentials in the document) exist only in
 * development; docker-compose has no default secrets and keeps MongoDB authenticated and unpublished.
 */
const ROOT = path.join(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const PRODUCTION = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db:27017/hr',
  JWT_SECRET: 'k'.repeat(8) + 'Qz7#'.repeat(8),
};
const SECRET_VARIABLES = ['JWT_SECRET', 'METRICS_TOKEN', 'BOOTSTRAP_ADMIN_PASSWORD', 'MONGO_PASSWORD'];

function refusal(env: NodeJS.ProcessEnv): string | undefined {
  try {
    loadConfig(env);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

/** Every value the repository's files give a secret variable: assignments and compose defaults. */
function publishedValues(): Map<string, string> {
  const files = ['.env.example', 'docker-compose.yml', 'README.md', 'Dockerfile'];
  files.push(...readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`));
  const found = new Map<string, string>();
  const names = SECRET_VARIABLES.join('|');
  const patterns = [
    // NAME=value, NAME: value, quoted or not (not inside ${...}, not a <placeholder> to fill in)
    new RegExp(`(?<![{\\w])(?:${names})[ \\t]*[=:][ \\t]*(?:'([^']+)'|"([^"]+)"|([^\\s'"$\`|<]+))`, 'g'),
    new RegExp(`\\$\\{(?:${names}):?-([^}]+)\\}`, 'g'),
  ];
  for (const file of files) {
    for (const pattern of patterns) {
      for (const match of read(file).matchAll(pattern)) {
        const value = match[1] ?? match[2] ?? match[3];
        if (value) found.set(value, file);
      }
    }
  }
  for (const account of DEMO_ACCOUNTS) found.set(account.password, 'src/seed-demo.ts');
  return found;
}

describe('production mode by default', () => {
  it('when npm start runs without NODE_ENV then the process is in production mode', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;
    const probe = start.replace('node dist/server.js', 'node -p process.env.NODE_ENV');
    const { NODE_ENV: _omitted, ...env } = process.env;
    expect(execFileSync('sh', ['-c', probe], { env }).toString().trim()).toBe('production');
    expect(
      execFileSync('sh', ['-c', probe], { env: { ...env, NODE_ENV: 'development' } })
        .toString()
        .trim(),
    ).toBe('development');
  });

  it('when the Docker image starts then NODE_ENV is production', () => {
    const runtime = read('Dockerfile')
      .split(/^FROM /m)
      .pop()!;
    expect(runtime).toMatch(/ENV NODE_ENV=production/);
  });
});

describe('secrets production refuses', () => {
  const published = [...publishedValues()];

  it('finds the values the repository publishes (the scan works)', () => {
    expect(published.map(([value]) => value)).toEqual(
      expect.arrayContaining(['replace-with-a-long-random-string', 'Admin-Demo-2026!', 'a-long-password']),
    );
  });

  it.each(published)('when a secret is "%s" (published in %s) then production refuses to start', (value) => {
    for (const name of ['JWT_SECRET', 'METRICS_TOKEN', 'BOOTSTRAP_ADMIN_PASSWORD']) {
      const env = { ...PRODUCTION, [name]: value, BOOTSTRAP_ADMIN_EMAIL: 'root@hr.internal' };
      if (name === 'BOOTSTRAP_ADMIN_PASSWORD' && value.length < 12) continue; // refused as too short already
      expect(refusal(env)).toMatch(new RegExp(`Invalid configuration: ${name} `));
    }
    expect(
      refusal({ ...PRODUCTION, MONGODB_URI: `mongodb://app:${encodeURIComponent(value)}@db:27017/hr` }),
    ).toMatch(/MONGODB_URI is a value published/);
  });

  it('when the development JWT secret, a placeholder or a short secret is used in production then startup is refused', () => {
    const development = loadConfig({ NODE_ENV: 'development' }).JWT_SECRET;
    expect(PUBLISHED_SECRETS.has(development)).toBe(true);
    expect(refusal({ ...PRODUCTION, JWT_SECRET: development })).toMatch(/JWT_SECRET is a value published/);
    expect(refusal({ ...PRODUCTION, JWT_SECRET: 'please-change-me-before-going-live-0000' })).toMatch(
      /placeholder/,
    );
    expect(refusal({ ...PRODUCTION, JWT_SECRET: 'a'.repeat(31) })).toMatch(/JWT_SECRET must be at least 32/);
    expect(refusal({ ...PRODUCTION, METRICS_TOKEN: 'b'.repeat(31) })).toMatch(
      /METRICS_TOKEN must be at least 32/,
    );
    expect(refusal(PRODUCTION)).toBeUndefined();
  });
});

describe('demo accounts', () => {
  it('when not in development then no demo account is seeded and the document shows no demo credentials', () => {
    expect(demoAccountsEnabled(loadConfig({ ...PRODUCTION, DB_SEED_DEMO: 'true' }))).toBe(false);
    expect(demoAccountsEnabled(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
    const text = JSON.stringify(buildApp().document);
    for (const account of DEMO_ACCOUNTS) {
      expect(text).not.toContain(account.password);
      expect(text).not.toContain(account.email);
    }
  });

  it('when in development with demo data (npm run dev) then the sign-in example is the demo admin', () => {
    const saved = getConfig();
    setConfigForTests({ DB_SEED_DEMO: true, isProduction: false });
    try {
      const login = buildApp().document.paths['/api/v1/auth/login']?.post as unknown as {
        requestBody: { content: Record<string, { example: unknown }> };
      };
      const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
      expect(login.requestBody.content['application/json']!.example).toEqual({
        email: admin.email,
        password: admin.password,
      });
    } finally {
      setConfigForTests(saved);
    }
  });
});

describe('docker-compose', () => {
  const compose = read('docker-compose.yml');
  const service = (name: string) =>
    new RegExp(`^  ${name}:\\n((?:    .*\\n|\\n)*)`, 'm').exec(compose)?.[1] ?? '';

  it('when a secret is referenced then it is required (${VAR:?}), never defaulted', () => {
    for (const name of ['JWT_SECRET', 'MONGO_PASSWORD', 'BOOTSTRAP_ADMIN_PASSWORD']) {
      expect(compose).toContain(`\${${name}:?`);
      expect(compose).not.toMatch(new RegExp(`\\$\\{${name}:?-`));
    }
  });

  it('when MongoDB runs then it requires authentication and its port is not published', () => {
    const mongo = service('mongo');
    expect(mongo).toContain('MONGO_INITDB_ROOT_PASSWORD: ${MONGO_PASSWORD:?');
    expect(mongo).not.toMatch(/^\s+ports:/m);
    expect(service('api')).toMatch(
      /MONGODB_URI: mongodb:\/\/\$\{MONGO_USERNAME:-attendance\}:\$\{MONGO_PASSWORD:\?/,
    );
  });
});
