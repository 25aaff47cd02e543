/** End-to-end: build and run every example on every runtime with a real Docker engine. */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  reporters: ['default', ['<rootDir>/test/summary-reporter.js', { label: 'e2e' }]],
  // Two builds at a time: the machines this runs on have two cores.
  maxConcurrency: 2,
  testTimeout: 15 * 60 * 1000,
  globalSetup: '<rootDir>/test/e2e/skip-banner.js',
  globalTeardown: '<rootDir>/test/e2e/skip-banner.js',
};
