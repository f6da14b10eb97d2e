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
    // One module graph per worker, not per file: importing TF.js, DuckDB and xstate again for
    // each of ~170 files cost about 170 s of the suite's 350 s. Files must leave global state as
    // they found it (the scenario registry: unregisterScenario; the TF.js backend: test/setup.ts).
    isolate: false,
  },
});
