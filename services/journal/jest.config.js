module.exports = { ...require('../../jest.preset.js'), displayName: 'journal', rootDir: __dirname };
