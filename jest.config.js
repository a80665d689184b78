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
  // Every e2e file closes its apps, yet a late Redis reconnect or a Bull timer of a closed queue
  // can outlive the last file by minutes; once all results are in, the run must end (CI waited
  // on one such handle once). The results are final when this applies.
  forceExit: true,
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
