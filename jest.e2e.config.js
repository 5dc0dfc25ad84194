/**
 * Browser tests of the sandbox (`npm run test:e2e`): each file starts `npm start`'s server on a free
 * port and drives it with headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) through
 * playwright-core. Files run one after another: each starts its own emulators and browser.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.check.json' }],
  },
  maxWorkers: 1,
  testTimeout: 180000,
  slowTestThreshold: 60,
};
