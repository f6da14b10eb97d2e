import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two cores: run files in two forks; TF.js smoke tests are CPU-bound.
    pool: 'forks',
    maxWorkers: 2,
  },
});
