/** Fuzzing: generated manifests per language through the whole pipeline (npm run fuzz). */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/fuzz/**/*.fuzz.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  reporters: ['default', ['<rootDir>/test/summary-reporter.js', { label: 'fuzz' }]],
  testTimeout: 60 * 60 * 1000,
  // fuzz-a and fuzz-b are two halves of the languages: one a core.
  maxWorkers: 2,
};
