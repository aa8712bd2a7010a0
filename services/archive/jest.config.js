module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'archive',
  rootDir: __dirname,
  // e2e specs run against built services in their own target (jest.e2e.config.js).
  roots: ['<rootDir>/src'],
};
