import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createSimdKernels } from '../../../../src/agents/common/nn/simd-kernels.ts';
import { adamStepScalars, adamUpdate } from '../../../../src/agents/common/nn/adam.ts';

describe('SIMD kernels (own memory)', () => {
  it('are available on Node 20 (WebAssembly SIMD) and each instance has its own memory', () => {
    const a = createSimdKernels();
    const b = createSimdKernels();
    expect(a).not.toBeNull();
    expect(a!.memory).not.toBe(b!.memory);
  });

  it('adam matches the scalar reference to float32 precision for any length and step', () => {
    const k = createSimdKernels()!;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 37 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 0xffff }), (n, t, seed) => {
        const n4 = Math.ceil(n / 4);
        const bytes = n4 * 16;
        if (k.memory.buffer.byteLength < 5 * bytes) k.memory.grow(1);
        const views = [0, 1, 2, 3].map((i) => new Float32Array(k.memory.buffer, i * bytes, n));
        const [p, g, m, v] = views;
        for (let i = 0; i < n; i++) {
          const s = Math.sin(seed + 7 * i);
          p[i] = s;
          g[i] = Math.cos(seed * 3 + i) * 2;
          m[i] = 0.1 * s;
          v[i] = 0.01 * (1 + s);
        }
        const [rp, rg, rm, rv] = views.map((x) => Float32Array.from(x));
        const ro = new Float32Array(n);
        adamUpdate(ro, rp, rg, rm, rv, t, 1e-3, 0.9, 0.999, 1e-8);
        const { lrT, epsT } = adamStepScalars(t, 1e-3, 0.9, 0.999, 1e-8);
        // out in a fifth region: p must be left untouched
        k.adam(4 * bytes, 0, bytes, 2 * bytes, 3 * bytes, n4, 0.9, 0.1, 0.999, 0.001, lrT, epsT);
        const out = new Float32Array(k.memory.buffer, 4 * bytes, n);
        for (let i = 0; i < n; i++) {
          expect(Math.abs(out[i] - ro[i])).toBeLessThan(1e-6);
          expect(Math.abs(m[i] - rm[i])).toBeLessThan(1e-6);
          expect(Math.abs(v[i] - rv[i])).toBeLessThan(1e-6);
          expect(p[i]).toBe(rp[i]);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('transpose moves element (i, j) to (j, i) for any multiple-of-4 shape', () => {
    const k = createSimdKernels()!;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), (r4, c4) => {
        const [rows, cols] = [4 * r4, 4 * c4];
        const bytes = rows * cols * 4;
        const need = 2 * bytes + 64;
        if (k.memory.buffer.byteLength < need) k.memory.grow(Math.ceil((need - k.memory.buffer.byteLength) / 65536));
        const src = new Float32Array(k.memory.buffer, 0, rows * cols);
        for (let idx = 0; idx < src.length; idx++) src[idx] = idx + 0.5;
        const guard = new Float32Array(k.memory.buffer, 2 * bytes, 16).fill(-7);
        k.transpose(0, bytes, rows, cols);
        const dst = new Float32Array(k.memory.buffer, bytes, rows * cols);
        for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expect(dst[j * rows + i]).toBe(src[i * cols + j]);
        expect(Array.from(guard).every((g) => g === -7)).toBe(true); // nothing written past dst
      }),
      { numRuns: 40 },
    );
  });
});
