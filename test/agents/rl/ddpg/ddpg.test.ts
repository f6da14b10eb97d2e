import { describe, it, expect, beforeAll } from 'vitest';
import { initBackend } from '../../../../src/agents/common/backend.ts';
import { Ddpg } from '../../../../src/agents/rl/ddpg/ddpg.ts';
import { DDPG_DEFAULTS, resolveDdpgConfig } from '../../../../src/agents/rl/ddpg/config.ts';
import { DDPG_TOSCN_PAPER } from '../../../../src/scenarios/toscn/constants.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { ODD_SPEC, TINY, concat, itPassesContinuousAgentChecks, observeOne, reachReturn } from '../../common/continuous-agent-checks.ts';
import type { MakeAgent } from '../../common/continuous-agent-checks.ts';

const make: MakeAgent = (spec, config, root) => new Ddpg(spec, config, root);

beforeAll(async () => {
  await initBackend();
});

const singleTransition = (agent: Ddpg, terminated: boolean) =>
  observeOne(agent, { observation: Float32Array.of(1, -2, 0.5), action: Float32Array.of(7, -2.5), reward: 1.5, nextObservation: Float32Array.of(0.5, 1, -1), terminated });

describe('DDPG', () => {
  it('learns the reach task: deterministic return near optimal (-1), far above random (-12)', () => {
    const ret = reachReturn(make, { actorHiddenSizes: [32, 32], criticHiddenSizes: [32, 32], batchSize: 64, learningStarts: 250, gamma: 0.9 }, 1000, 1);
    expect(ret).toBeGreaterThan(-3);
  });

  it('critic loss is (y - C(s, a))^2 with y = r + gamma C\'(s\', mu\'(s\')) (eqs. 27-28)', () => {
    for (const terminated of [false, true]) {
      const agent = new Ddpg(ODD_SPEC, { ...TINY, learningStarts: 1, gamma: 0.9 }, new RootRandom(4));
      const t = singleTransition(agent, terminated);
      // Targets start as copies of the online nets, so C' and mu' can be read from them.
      const nextQ = agent.critic.predict(concat(t.nextObservation, agent.actor.predict(t.nextObservation)))[0];
      const y = t.reward + (terminated ? 0 : 0.9 * nextQ);
      const q = agent.critic.predict(concat(t.observation, t.unit))[0];
      const info = agent.update()!;
      expect(info.critic).toBeCloseTo((y - q) ** 2, 4);
      agent.dispose();
    }
  });

  it('the actor step climbs the critic (eq. 31) and targets move by tau (eqs. 33-34)', () => {
    const tau = 0.01;
    const agent = new Ddpg(ODD_SPEC, { ...TINY, learningStarts: 1, tau, actorLearningRate: 1e-3 }, new RootRandom(6));
    const t = singleTransition(agent, false);
    const muOld = agent.actor.predict(t.observation);
    const actorOld = agent.actor.getWeights();
    const criticOld = agent.critic.getWeights();
    agent.update();
    const muNew = agent.actor.predict(t.observation);
    const qAt = (mu: Float32Array) => agent.critic.predict(concat(t.observation, mu))[0];
    expect(qAt(muNew)).toBeGreaterThan(qAt(muOld));
    const checkPolyak = (target: Float32Array[], online: Float32Array[], old: Float32Array[]) =>
      target.forEach((w, l) => w.forEach((x, i) => expect(x).toBeCloseTo(tau * online[l][i] + (1 - tau) * old[l][i], 6)));
    checkPolyak(agent.targetActor.getWeights(), agent.actor.getWeights(), actorOld);
    checkPolyak(agent.targetCritic.getWeights(), agent.critic.getWeights(), criticOld);
    agent.dispose();
  });

  itPassesContinuousAgentChecks(make);

  it('the toscn preset carries 003 Table I and the defaults SB3\'s', () => {
    expect(DDPG_TOSCN_PAPER).toMatchObject({ actorLearningRate: 3e-4, criticLearningRate: 5e-4, tau: 0.01, bufferSize: 150, batchSize: 64, gamma: 0.9, noise: { kind: 'gaussian', std: 0.1 } });
    expect(DDPG_DEFAULTS).toMatchObject({ actorLearningRate: 1e-3, tau: 0.005, gamma: 0.99, batchSize: 256, learningStarts: 100, actorHiddenSizes: [400, 300] });
    expect(() => resolveDdpgConfig({ gamma: 1.5 })).toThrow(/gamma/);
    expect(() => resolveDdpgConfig({ batchSize: 0 })).toThrow(/batchSize/);
    expect(() => resolveDdpgConfig({ actorLearningRate: -1 })).toThrow(/actorLearningRate/);
  });
});
