import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const MODULE_BOUNDARY = {
  regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index$).+',
  message: "Import another module through its index.ts ('../other'), not its files.",
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      'tools/**/target/',
      'bench/results/',
      '.schemathesis/',
      'test-results/',
      // Compiled against generated types by its own test, outside the project's tsconfig.
      'tests/client/sample-client.ts',
      'tests/client/api.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    // Plain CommonJS configuration files (Jest's) load each other with require; there is no build step.
    files: ['*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests and CLI scripts talk to the terminal on purpose.
    files: ['tests/**', 'scripts/**', 'bench/**', 'src/db/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // supertest types every response body as `any`; tests exist to assert that shape.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Dependencies point one way: modules -> http, db, config, lib; never back (docs/architecture.md).
    files: ['src/http/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)modules(/|$)',
              message: 'http/ must not import a module: inject it (see createApp).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/**', 'src/config/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(modules|http)(/|$)',
              message: 'db/ and config/ sit below http/ and the modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)(modules|http|db)(/|$)', message: 'lib/ is the bottom layer.' }] },
      ],
    },
  },
  {
    // A module reads another only through its index.ts, and announces events only after recording
    // them in the audit trail (recordThenAnnounce from the audit module).
    files: ['src/modules/*/**'],
    ignores: ['src/modules/audit/record-then-announce.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [MODULE_BOUNDARY],
          paths: [
            {
              name: '../../lib/domain-events',
              importNames: ['emitDomainEvent'],
              message:
                'End a command with recordThenAnnounce (audit module): the audit entry first, then the events.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
