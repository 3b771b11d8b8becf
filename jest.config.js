// Two tiers: `unit` (pure logic, no services) and `integration` (real PostgreSQL and Redis).
// Type checking is done once by `npm run typecheck`; the tests only transpile.
const { availableParallelism } = require('node:os');

const moduleNameMapper = {
  '^@catalyst/testing$': '<rootDir>/test/support',
  '^@catalyst/testing/(.*)$': '<rootDir>/test/support/$1',
  '^@catalyst/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@catalyst/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
};
const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform,
  testEnvironment: 'node',
};

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // Two test files at a time even on a 2-core machine (Jest's default there is one): an
  // integration file spends most of its time waiting on PostgreSQL, Redis or Chromium, so a
  // second worker fills that time. Files share nothing (each clones its own database, has its
  // own Redis key prefix and picks free ports). More cores, more workers, as Jest's default.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // A worker process's heap grows with each file it runs until it runs out (it did at ~90
  // files in one worker). With a limit, a worker is replaced once it holds more than this after
  // a file.
  workerIdleMemoryLimit: '1500MB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'],
      // Some unit tests do real work (argon2id at 64 MiB): on a busy machine 5 s is too tight.
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      // Tests and hooks get 60 s (a project's own `testTimeout` is ignored by Jest 30).
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
  ],
};
