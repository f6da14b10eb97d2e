import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidActionError } from '../src/envs/action-check.ts';
import { actionArbitrary, budgetViolations, conservationViolations } from '../src/testing.ts';
import { box, hybrid, multiDiscrete } from '../src/agents/common/spaces.ts';
import { runToscn, toscnEnv, toscnParams } from './actors/toscn-run.ts';

describe('semsim/testing', () => {
  const run = runToscn({ seed: 3, episodes: 2, slots: 20, policy: 'random' });

  it('finds no budget or conservation violation in a toscn trace', () => {
    expect(budgetViolations(run.records, 'bandwidth', run.params.bandwidthBudget)).toEqual([]);
    expect(budgetViolations(run.records, 'power', run.params.powerBudget)).toEqual([]);
    expect(conservationViolations(run.records, run.params.bufferCapacity)).toEqual([]);
  });

  it('flags a trace whose allocation or packets were tampered with', () => {
    const tampered = run.records.map((r) => {
      if (r.type === 'decision.applied' && r.slot === 3) return { ...r, payload: { ...(r.payload as object), applied: { bandwidth: [5e6, -1] } } };
      if (r.type === 'traffic.arrived' && r.slot === 4) return { ...r, payload: { ...(r.payload as { user: number; packets: number }), packets: 99 } };
      return r;
    });
    expect(budgetViolations(tampered, 'bandwidth', run.params.bandwidthBudget).join('\n')).toMatch(/negative or non-finite[\s\S]*exceeds the budget/);
    expect(conservationViolations(tampered).length).toBeGreaterThan(0);
  });

  it('actionArbitrary draws in-space actions, and with nonFinite also NaN, infinities and out-of-range choices', () => {
    const space = hybrid(box(3, -1, 1), multiDiscrete([2, 5]));
    const tame = fc.sample(actionArbitrary(space), { numRuns: 200, seed: 1 });
    expect(tame.every((a) => a.continuous!.every(Number.isFinite) && a.discrete!.every((d, i) => d >= 0 && d < [2, 5][i]))).toBe(true);
    const wild = fc.sample(actionArbitrary(space, { nonFinite: true }), { numRuns: 400, seed: 1 });
    expect(wild.some((a) => a.continuous!.some(Number.isNaN))).toBe(true);
    expect(wild.some((a) => a.continuous!.some((x) => x === Infinity || x === -Infinity))).toBe(true);
    expect(wild.some((a) => a.discrete!.some((d) => d < 0 || d >= 2))).toBe(true);
  });

  it('toscn rejects every non-finite action with InvalidActionError and accepts every finite one', () => {
    const env = toscnEnv(toscnParams({ slots: 1000, devices: 2 }));
    env.reset({ seed: 1 });
    fc.assert(
      fc.property(actionArbitrary(env.actionSpace, { nonFinite: true }), (action) => {
        const finite = action.continuous!.every(Number.isFinite);
        if (finite) expect(Number.isFinite(env.step(action).reward)).toBe(true);
        else expect(() => env.step(action)).toThrow(InvalidActionError);
      }),
      { numRuns: 300, seed: 2 },
    );
  });
});
