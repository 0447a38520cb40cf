import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'coverage/**',
      'test-artifacts/**',
      'packages/web/dist/**',
      'e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  { files: ['**/*.js'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The dashboard runs in the browser.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The core is pure: no I/O, no clock, no randomness, no console (see AGENTS.md).
    files: ['packages/core/src/**/*.ts', 'packages/intake/src/**/*.ts'],
    ignores: [
      'packages/core/src/**/*.test.ts',
      'packages/core/src/**/test-*.ts',
      'packages/intake/src/**/*.test.ts',
      // The intake's one file-reading edge.
      'packages/intake/src/read-input.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'core is pure: do I/O at the edge' },
            { group: ['@lodestone/cli', '@lodestone/cli/*'], message: 'core depends on nothing of the edges' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'pass the clock in' },
        { object: 'Math', property: 'random', message: 'pass a seeded random source in' },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'core knows nothing of the process' }],
      'no-console': 'error',
    },
  },
);
