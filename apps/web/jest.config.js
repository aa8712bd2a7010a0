module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'web',
  rootDir: __dirname,
  roots: ['<rootDir>/src', '<rootDir>/server'],
  testMatch: ['**/*.unit.spec.ts'],
};
