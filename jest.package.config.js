/**
 * `npm run test:package`: tests of the package `npm run package` built (build/forge-package), run
 * after it (CI does both). Kept out of `npm test`, which needs no bundle.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/package'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.check.json' }],
  },
  testTimeout: 60000,
};
