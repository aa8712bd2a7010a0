module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'fuzz',
  rootDir: __dirname,
  // The fuzzing itself runs against started services: the e2e target.
  roots: ['<rootDir>/src'],
};
