import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

// Architecture rules as tags: see README "Layout and dependency rules".
const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:identity', 'scope:shared'] },
  { sourceTag: 'scope:journal', onlyDependOnLibsWithTags: ['scope:journal', 'scope:shared'] },
  { sourceTag: 'scope:diary', onlyDependOnLibsWithTags: ['scope:diary', 'scope:shared'] },
  { sourceTag: 'scope:archive', onlyDependOnLibsWithTags: ['scope:archive', 'scope:shared'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:util'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:domain', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:util', 'type:testing'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:testing', 'type:infra', 'type:util'],
  },
];

// Tests may also use the test harness (type:testing); production code may not.
const testDepConstraints = depConstraints.map((constraint) =>
  constraint.sourceTag.startsWith('type:') && constraint.sourceTag !== 'type:domain'
    ? {
        ...constraint,
        onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'],
      }
    : constraint,
);

const boundaries = (constraints) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    banTransitiveDependencies: true,
    allow: [],
    depConstraints: constraints,
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/node_modules', '**/dist', '.infra', '.nx', 'coverage', 'tmp'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // Test helpers (an `@ejournal/<lib>/testing` entry, a `testing/` folder) serve specs only.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/e2e/**', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@ejournal/*/testing', '**/testing/*'],
              message: 'Test helpers serve specs only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(testDepConstraints),
      'no-console': 'off',
    },
  },
  prettier,
];
