module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'fuzz-e2e',
  rootDir: __dirname,
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.spec.ts'],
  testTimeout: 600_000,
};
