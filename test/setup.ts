import { beforeAll } from 'vitest';
import fc from 'fast-check';

/**
 * Property tests run with a fixed seed so that CI is reproducible; set FC_SEED to explore
 * other seeds locally (e.g. `FC_SEED=$RANDOM npx vitest run test/properties`). A failure
 * prints its seed and path for replay.
 */
const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261122;
fc.configureGlobal({ seed });

/**
 * Test files share one module graph per worker (vitest `isolate: false`), so state a file
 * leaves behind reaches the next. The one piece that matters is TF.js's backend: a file that
 * switched to `cpu` (CLI runs with `--backend cpu`, the kernel tests) must not leave the next
 * file, which expects the default wasm backend, on it.
 */
beforeAll(async () => {
  const backend = await import('../src/agents/common/backend.ts');
  if (backend.activeBackend() === 'cpu') await backend.initBackend('wasm');
});
