import { describe, expect, it } from 'vitest';
import { createEnv } from '../../../src/create-env.ts';
import { checkEnv } from '../../../src/envs/check-env.ts';
import { scenario } from './harness.ts';

describe('scqos on the Gymnasium adapter', () => {
  it('passes checkEnv over 1000 steps (mrt-power beams)', () => {
    const report = checkEnv(() => createEnv(scenario(25)), { steps: 1000, seed: 2 });
    expect(report.problems).toEqual([]);
    expect(report.episodes).toBeGreaterThanOrEqual(39);
  });

  it('passes checkEnv with full beams, 4 users on 5 subchannels and the literal Table I noise', () => {
    const make = () => createEnv(scenario(10, { beamforming: 'full', users: 4, subchannels: 5, noiseUnit: 'W' }));
    expect(checkEnv(make, { steps: 200, seed: 3 }).problems).toEqual([]);
    const env = make();
    // 4 bandwidth logits + 2 x 6 x 4 beam entries; codec per user + 5! permutations.
    expect(env.actionSpace).toMatchObject({ kind: 'hybrid', continuous: { size: 4 + 48 }, discrete: { nvec: [3, 3, 3, 3, 120] } });
    // Per user: 5 subchannel SNRs, 2 sentence and 4 last-outcome features, 2 x 5 x 6 channel directions.
    expect(env.observationSpace).toMatchObject({ kind: 'box', size: 4 * (5 + 6 + 60) });
  });
});
