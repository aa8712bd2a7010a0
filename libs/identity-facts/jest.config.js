module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'identity-facts',
  rootDir: __dirname,
};
