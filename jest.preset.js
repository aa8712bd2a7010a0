// Shared Jest settings: SWC transpiles TypeScript (type checking is the `typecheck` target),
// and the tsconfig path aliases resolve to the libs' sources.
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
const { paths } = require('./tsconfig.base.json').compilerOptions;

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, path.join(__dirname, target)]),
);

// ES-module-only packages: Jest's CommonJS runtime cannot require them, so SWC transpiles them.
const esmOnlyPackages = ['uuid', 'jose', 'csv-parse'];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testMatch: ['**/*.spec.ts'],
  clearMocks: true,
};

module.exports.globalSetup = path.join(__dirname, 'libs/testing/src/jest-global-setup.ts');
module.exports.globalTeardown = path.join(__dirname, 'libs/testing/src/jest-global-teardown.ts');
