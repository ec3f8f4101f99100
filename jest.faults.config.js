/**
 * Fault-injection tests (`npm run test:faults`): they start the API as child processes on the test
 * database server, kill them, cut their database, run two at once. Slow by nature, so they are kept
 * out of `npm test`, run one file at a time with generous timeouts, and every wait polls for a
 * condition. Same transform and database setup as jest.config.js.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/faults'],
  testMatch: ['**/*.fault.ts'],
  transform: require('./jest.swc'),
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/support/env.ts'],
  testTimeout: 240000,
  maxWorkers: 1,
};
