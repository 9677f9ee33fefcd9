// Three projects: `unit` runs in milliseconds with no Strapi; `integration` boots the real
// playground app against a real S3 server and the emulator over real HTTP; `e2e` drives the
// built admin panel in Debian's chromium.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

module.exports = {
  // Integration tests boot Strapi and wait out presigned-URL expiry; unit tests finish far sooner.
  testTimeout: 120000,
  // Each integration file boots Strapi, and a process keeps some of every boot: in one process the
  // whole suite outgrew a 4 GB heap (CI, 60 files). A worker past 1 GB after a file is replaced.
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
  ],
};
