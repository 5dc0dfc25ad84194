/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/', '/tests/package/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.check.json' }],
  },
  // Atlaskit packages import their compiled CSS; the global page's component tests do not need it.
  moduleNameMapper: { '\\.css$': '<rootDir>/tests/ui/globalPage/styleStub.js' },
  testTimeout: 60000,
  // The adversarial suite's totals (tests/adversarial/tally.ts) are printed after the run.
  reporters: ['default', '<rootDir>/tests/adversarial/reliabilityReporter.js'],
};
