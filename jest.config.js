/** Unit specs live beside the code and need no services; e2e specs in test/ boot the real app. */
// transpile only: `tsc --noEmit` (npm run typecheck) is what checks types.
const tsJest = [
  'ts-jest',
  {
    tsconfig: { ...require('./tsconfig.json').compilerOptions, isolatedModules: true },
    diagnostics: false,
  },
];
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/frontend/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
    },
    {
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
    },
  ],
};
