module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'diary',
  rootDir: __dirname,
  // e2e specs have a target of their own (diary:e2e).
  roots: ['<rootDir>/src'],
};
