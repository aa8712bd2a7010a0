module.exports = { ...require('../../jest.preset.js'), displayName: 'diary', rootDir: __dirname };
