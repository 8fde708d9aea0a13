// One jest run for every suite; each project names a layer of the test pyramid.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2020' } }] };
const common = { transform, testEnvironment: 'node', moduleNameMapper: { '^@core/(.*)$': '<rootDir>/src/core/$1', '^@/(.*)$': '<rootDir>/src/$1' } };

module.exports = {
  testTimeout: 30000,
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  transform,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'emulator', testMatch: ['<rootDir>/tests/emulator/**/*.test.ts'] },
    { ...common, displayName: 'functions', testMatch: ['<rootDir>/tests/functions/**/*.test.ts'] },
    {
      ...common,
      displayName: 'weapp',
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      // What ships to WeChat is loaded as built, not re-transformed.
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
