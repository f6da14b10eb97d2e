import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { setWasmHeapEnabled, transpose2d, wasmHeap } from '../../../../src/agents/common/nn/heap.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('wasm heap access', () => {
  it('is available on the wasm backend (tfjs-backend-wasm 4.22 internals present) and not elsewhere', async () => {
    expect(wasmHeap()).not.toBeNull();
    setWasmHeapEnabled(false);
    expect(wasmHeap()).toBeNull();
    setWasmHeapEnabled(true);
    await initBackend('cpu');
    try {
      expect(wasmHeap()).toBeNull();
    } finally {
      await initBackend('wasm');
    }
  });

  it('transpose2d equals tf.transpose for any shape (SIMD for multiples of 4, tf otherwise), without leaks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer(), (rows, cols, seed) => {
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const x = tf.randomNormal([rows, cols], 0, 1, 'float32', seed) as tf.Tensor2D;
          const got = transpose2d(x);
          expect(got.shape).toEqual([cols, rows]);
          expect(Array.from(got.dataSync())).toEqual(Array.from(tf.transpose(x).dataSync()));
        });
        expect(tf.memory().numTensors).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
