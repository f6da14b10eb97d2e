import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createSimdAdamKernel } from '../../../../src/agents/common/nn/simd-adam';
import { adamStepScalars, adamUpdate } from '../../../../src/agents/common/nn/adam';

describe('SIMD Adam kernel', () => {
  it('is available on Node 20 (WebAssembly SIMD) and each kernel has its own memory', () => {
    const a = createSimdAdamKernel();
    const b = createSimdAdamKernel();
    expect(a).not.toBeNull();
    expect(a!.memory).not.toBe(b!.memory);
  });

  it('matches the scalar reference to float32 precision for any length and step', () => {
    const kernel = createSimdAdamKernel()!;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 37 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 0xffff }),
        (n, t, seed) => {
          const n4 = Math.ceil(n / 4);
          const bytes = n4 * 16;
          if (kernel.memory.buffer.byteLength < 4 * bytes) kernel.memory.grow(1);
          const views = [0, 1, 2, 3].map((k) => new Float32Array(kernel.memory.buffer, k * bytes, n));
          const [p, g, m, v] = views;
          for (let i = 0; i < n; i++) {
            const s = Math.sin(seed + 7 * i);
            p[i] = s;
            g[i] = Math.cos(seed * 3 + i) * 2;
            m[i] = 0.1 * s;
            v[i] = 0.01 * (1 + s);
          }
          const [rp, rg, rm, rv] = views.map((x) => Float32Array.from(x));
          const lr = 1e-3;
          adamUpdate(rp, rp, rg, rm, rv, t, lr, 0.9, 0.999, 1e-8);
          const { lrT, epsT } = adamStepScalars(t, lr, 0.9, 0.999, 1e-8);
          kernel.adam(0, bytes, 2 * bytes, 3 * bytes, n4, 0.9, 0.1, 0.999, 0.001, lrT, epsT);
          for (let i = 0; i < n; i++) {
            expect(Math.abs(p[i] - rp[i])).toBeLessThan(1e-6);
            expect(Math.abs(m[i] - rm[i])).toBeLessThan(1e-6);
            expect(Math.abs(v[i] - rv[i])).toBeLessThan(1e-6);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
