module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'journal-domain',
  rootDir: __dirname,
};
