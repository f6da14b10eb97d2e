import { describe, expect, it } from 'vitest';
import { contains } from '../../../../src/agents/common/spaces.ts';
import { RandomBaseline } from '../../../../src/scenarios/toscn/baselines/random.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { toscnParams, toscnSpec } from './fixtures.ts';

describe('RandomBaseline', () => {
  const p = toscnParams();
  const spec = toscnSpec(p);
  const obs = new Float32Array(15);
  const draw = (agent: RandomBaseline, n: number): Float32Array[] => Array.from({ length: n }, (_, i) => agent.act(obs, i % 2 === 0).continuous!);

  it('draws actions inside the box, uniform on [-1, 1] in every dimension', () => {
    const xs = draw(new RandomBaseline(spec, p, {}, new RootRandom(3)), 4000);
    for (const a of xs) expect(contains(spec.actionSpace, { continuous: a })).toBe(true);
    // Per dimension: mean 0 and variance 1/3 of U(-1, 1); standard errors 0.009 and 0.005 for n = 4000.
    for (let i = 0; i < 18; i++) {
      const col = xs.map((a) => a[i]);
      const mean = col.reduce((s, x) => s + x, 0) / col.length;
      const variance = col.reduce((s, x) => s + (x - mean) ** 2, 0) / col.length;
      expect(Math.abs(mean)).toBeLessThan(0.05);
      expect(Math.abs(variance - 1 / 3)).toBeLessThan(0.03);
    }
  });

  it('repeats its draws for the same root seed (stream agent/random) and differs for another', () => {
    const a = draw(new RandomBaseline(spec, p, {}, new RootRandom(9)), 5);
    const b = draw(new RandomBaseline(spec, p, {}, new RootRandom(9)), 5);
    const c = draw(new RandomBaseline(spec, p, {}, new RootRandom(10)), 5);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    // The first draw is the first uniform of the root's agent/random stream, mapped onto [-1, 1].
    expect(a[0][0]).toBe(Math.fround(new RootRandom(9).stream('agent/random').uniformIn(-1, 1)));
  });

  it('falls back to its config seed without a root', () => {
    const a = draw(new RandomBaseline(spec, p, { seed: 42 }), 3);
    expect(draw(new RandomBaseline(spec, p, {}, new RootRandom(42)), 3)).toEqual(a);
  });
});
