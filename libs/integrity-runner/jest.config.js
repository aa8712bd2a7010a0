module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'integrity-runner',
  rootDir: __dirname,
};
