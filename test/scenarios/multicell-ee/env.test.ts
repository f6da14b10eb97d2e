import { describe, expect, it } from 'vitest';
import { createParallelEnv } from '../../../src/create-env.ts';
import { checkParallelEnv } from '../../../src/envs/check-env.ts';
import { scenario } from './harness.ts';

describe('multicell-ee on the PettingZoo-parallel adapter', () => {
  it('passes checkParallelEnv over 1000 steps (3 cells, one agent per BS)', () => {
    const report = checkParallelEnv(() => createParallelEnv(scenario(3, 40)), { steps: 1000, seed: 2 });
    expect(report.problems).toEqual([]);
    expect(report.episodes).toBeGreaterThanOrEqual(24);
  });

  it('passes checkParallelEnv with 7 cells, per-BS decision delays and a report delay', () => {
    const env = (): ReturnType<typeof createParallelEnv> => createParallelEnv(scenario(7, 12, { control: { decisionDelay_slots: [0, 1, 2, 0, 1, 2, 3], reportDelay_slots: 2 } }));
    expect(checkParallelEnv(env, { steps: 200, seed: 3 }).problems).toEqual([]);
    const e = env();
    expect(e.possibleAgents).toEqual(['bs/0', 'bs/1', 'bs/2', 'bs/3', 'bs/4', 'bs/5', 'bs/6']);
    expect(e.actionSpace('bs/0')).toEqual({ kind: 'multi-discrete', nvec: [7, 19] });
    const obs = e.observationSpace('bs/3');
    expect(obs.kind === 'box' ? obs.size : -1).toBe(7);
  });
});
