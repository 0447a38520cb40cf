import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts', 'e2e/**/*.test.ts'],
    pool: 'threads',
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 20_000,
  },
});
