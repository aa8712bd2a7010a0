module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'write-path',
  rootDir: __dirname,
};
