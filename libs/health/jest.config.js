module.exports = { ...require('../../jest.preset.js'), displayName: 'health', rootDir: __dirname };
