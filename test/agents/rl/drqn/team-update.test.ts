import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { box, multiDiscrete } from '../../../../src/agents/common/spaces.ts';
import type { UpdateInfo } from '../../../../src/agents/agent.ts';
import { Drqn } from '../../../../src/agents/rl/drqn/drqn.ts';
import { RootRandom, RandomStream } from '../../../../src/random/index.ts';
import { Team } from '../../../../src/run/team.ts';
import { DRQN_MULTICELL_PRESET } from '../../../../src/scenarios/multicell-ee/constants.ts';

beforeAll(async () => {
  await initBackend();
});

const OBS = 4;
const SPEC = { observationSpace: box(OBS, -3, 3), actionSpace: multiDiscrete([3, 4]) };
// The 004 preset (adaptive epsilon, MSE, target refresh) at test size.
const CONFIG = { ...DRQN_MULTICELL_PRESET, preHiddenSizes: [8], lstmSize: 8, batchSize: 6, sequenceLength: 4, learningStarts: 12, targetUpdateInterval: 10, learningRate: 1e-2 };
const AGENTS = 3;

const team = (seed: number) => Array.from({ length: AGENTS }, (_, k) => new Drqn(SPEC, CONFIG, new RootRandom(seed + k)));

/** Drive `agents` through the same stream of transitions; `update` runs their updates for one step. */
function drive(agents: Drqn[], steps: number, update: (agents: Drqn[]) => (UpdateInfo | undefined)[]): UpdateInfo[][] {
  const rng = new RandomStream('team-test', 1);
  const reports: UpdateInfo[][] = [];
  for (let t = 1; t <= steps; t++) {
    for (const a of agents) {
      const o = Float32Array.from({ length: OBS }, () => rng.normal());
      a.observe({ observation: o, action: a.act(o, true), reward: rng.normal(), nextObservation: Float32Array.from({ length: OBS }, () => rng.normal()), terminated: t % 9 === 0, truncated: false });
    }
    reports.push(update(agents).filter((r): r is UpdateInfo => r !== undefined));
  }
  return reports;
}

function maxGap(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, v, k) => Math.max(m, Math.abs(v - b[k])), 0);
}

describe('DRQN team update in one pass', () => {
  it('equals updating each agent on its own', () => {
    const alone = team(10);
    const together = team(10);
    const a = drive(alone, 24, (as) => as.map((x) => x.update()));
    const b = drive(together, 24, ([first, ...rest]) => first.updateGroup(rest));
    expect(a.flat().length).toBeGreaterThan(30); // updates actually ran (12 steps x 3 agents)
    expect(b.length).toBe(a.length);
    a.forEach((step, t) => step.forEach((info, k) => {
      expect(b[t][k].loss).toBeCloseTo(info.loss, 5);
      expect(b[t][k].epsilon).toBeCloseTo(info.epsilon!, 6);
    }));
    const probe = Float32Array.from({ length: OBS }, (_, i) => i / 4);
    alone.forEach((x, k) => expect(maxGap(x.stepQ(probe, 'evaluate'), together[k].stepQ(probe, 'evaluate'))).toBeLessThan(1e-5));
    [...alone, ...together].forEach((x) => x.dispose());
  });

  it('runs through Team.learn, with the same result as separate updates', () => {
    const alone = team(20);
    const members = team(20);
    const t = new Team(Object.fromEntries(members.map((m, k) => [`bs/${k}`, m])));
    const ids = members.map((_, k) => `bs/${k}`);
    const rng = new RandomStream('team-learn', 2);
    const obs = () => Object.fromEntries(ids.map((id) => [id, Float32Array.from({ length: OBS }, () => rng.normal())]));
    let warm = 0;
    let separateUpdates = 0;
    for (let s = 1; s <= 30; s++) {
      const o = obs();
      const next = obs();
      const rewards = Object.fromEntries(ids.map((id) => [id, rng.normal()]));
      const flags = Object.fromEntries(ids.map((id) => [id, false]));
      const acts = t.act(o, true);
      ids.forEach((id, k) => {
        expect(alone[k].act(o[id], true)).toEqual(acts[id]);
        alone[k].observe({ observation: o[id], action: acts[id], reward: rewards[id], nextObservation: next[id], terminated: false, truncated: false });
        if (alone[k].update() !== undefined) separateUpdates++;
      });
      if (s === 20) warm = tf.memory().numTensors; // acting states and Adam moments exist by now
      t.learn(o, acts, { observations: next, rewards, terminations: flags, truncations: flags, infos: Object.fromEntries(ids.map((id) => [id, {}])) } as never);
    }
    expect(separateUpdates).toBeGreaterThan(40);
    expect(t.updates).toBe(separateUpdates);
    expect(tf.memory().numTensors).toBe(warm);
    const probe = Float32Array.of(0.5, -0.5, 1, 0);
    alone.forEach((x, k) => expect(maxGap(x.stepQ(probe, 'evaluate'), members[k].stepQ(probe, 'evaluate'))).toBeLessThan(1e-5));
    t.dispose();
    alone.forEach((x) => x.dispose());
  });
});
