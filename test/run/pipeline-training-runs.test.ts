/** Multi-seed training (issue 14): independent training runs per learning agent, and their spread. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/agents/common/backend.ts';
import type { RunResult } from '../../src/run/pipeline.ts';
import { runScenario } from '../../src/run/pipeline.ts';
import { toscnPlugin } from '../../src/scenarios/registry.ts';

const fileWith = (trainingSeeds: number) =>
  toscnPlugin.schema.parse({
    scenario: 'toscn',
    run: { slotsPerEpisode: 4, episodes: 6, evalEpisodes: 4, evalSeeds: 2, trainingSeeds },
    agentConfig: { ddpg: { learningStarts: 8, batchSize: 8, actorHiddenSizes: [16], criticHiddenSizes: [16] } },
  });

describe('runScenario with run.trainingSeeds', () => {
  let one: RunResult;
  let three: RunResult;
  beforeAll(async () => {
    await initBackend();
    one = await runScenario({ plugin: toscnPlugin, file: fileWith(1) }, { seed: 5, episodes: 6, agents: ['ddpg', 'planner'] });
    three = await runScenario({ plugin: toscnPlugin, file: fileWith(3) }, { seed: 5, episodes: 6, agents: ['ddpg', 'planner'] });
  }, 120_000);

  it('trains a learner once per training seed; the first run is the one-run result', () => {
    expect(three.trainingRuns.ddpg).toHaveLength(3);
    expect(three.trainingRuns.ddpg[0]).toEqual(one.training.ddpg);
    expect(three.training.ddpg).toEqual(one.training.ddpg);
    // Other training seeds: other exploration and initial weights, so other returns.
    expect(three.trainingRuns.ddpg[1]).not.toEqual(three.trainingRuns.ddpg[0]);
    expect(three.trainingSpread.ddpg.perRun.reward[0]).toBeCloseTo(one.agents.ddpg.reward.mean, 9);
  });

  it('pools the runs in the evaluation interval: its mean is the mean of the run means', () => {
    const s = three.trainingSpread.ddpg;
    expect(s.runs).toBe(3);
    expect(s.spread.reward.n).toBe(3);
    const meanOfRuns = s.perRun.reward.reduce((a, b) => a + b, 0) / 3;
    expect(three.agents.ddpg.reward.mean).toBeCloseTo(meanOfRuns, 9);
    expect(three.agents.ddpg.reward.n).toBe(2); // still an interval over evaluation seeds
  });

  it('runs a training-free agent once, with no spread, and tags trace episodes with their run', () => {
    expect(three.trainingSpread.planner).toBeUndefined();
    expect(three.agents.planner).toEqual(one.agents.planner);
    expect(three.episodes.filter((e) => e.agent === 'ddpg').map((e) => [e.stage, e.trainingRun])).toEqual([
      ['train', 0],
      ['eval', 0],
      ['train', 1],
      ['eval', 1],
      ['train', 2],
      ['eval', 2],
    ]);
  });
});
