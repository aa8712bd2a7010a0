module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'document-store',
  rootDir: __dirname,
};
