module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'journal',
  rootDir: __dirname,
  // The domain is its own project with its own target; e2e specs have theirs.
  roots: ['<rootDir>/src'],
};
