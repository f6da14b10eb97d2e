import { describe, it, expect, beforeAll } from 'vitest';
import { initBackend } from '../../../../src/agents/common/backend.ts';
import { agentRandom } from '../../../../src/agents/common/seeding.ts';
import { Sac } from '../../../../src/agents/rl/sac/sac.ts';
import { SAC_DEFAULTS, resolveSacConfig } from '../../../../src/agents/rl/sac/config.ts';
import { SAC_SCQOS_PAPER } from '../../../../src/scenarios/scqos/constants.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { ODD_SPEC, TINY, concat, feed, itPassesContinuousAgentChecks, observeOne, reachReturn } from '../../common/continuous-agent-checks.ts';
import type { MakeAgent } from '../../common/continuous-agent-checks.ts';

const make: MakeAgent = (spec, config, root) => new Sac(spec, config, root);

beforeAll(async () => {
  await initBackend();
});

describe('SAC', () => {
  it('learns the reach task: deterministic return well above random (-12)', () => {
    const ret = reachReturn(make, { actorHiddenSizes: [32, 32], criticHiddenSizes: [32, 32], batchSize: 64, learningStarts: 250, gamma: 0.9, actorLearningRate: 1e-3, criticLearningRate: 1e-3, entropyLearningRate: 1e-3 }, 1500, 1);
    expect(ret).toBeGreaterThan(-4);
  });

  it('critic loss is the soft Bellman error of eq. 22, entropy term included', () => {
    const seed = 17;
    const gamma = 0.95;
    const alpha = 0.3;
    const n = TINY.batchSize;
    const agent = new Sac(ODD_SPEC, { ...TINY, learningStarts: 1, gamma, entCoef: alpha }, new RootRandom(seed));
    const s = Float32Array.of(1, 0, -2);
    const s2 = Float32Array.of(0.5, 0.5, 3);
    const env = Float32Array.of(4, -2);
    const { unit } = observeOne(agent, { observation: s, action: env, reward: 2, nextObservation: s2, terminated: false });
    // The update draws its reparameterisation noise from the agent's 'update' stream: first
    // n x |A| values for the current state, then n x |A| for the next state.
    const stream = agentRandom(new RootRandom(seed)).update;
    const eps = new Float32Array(n * 2);
    const nextEps = new Float32Array(n * 2);
    stream.fillNormal(eps);
    stream.fillNormal(nextEps);
    // Targets equal the online critics before the first update.
    const head = agent.actor.predict(s2);
    const q = (k: number, x: Float32Array) => agent.critics[k].predict(x)[0];
    const sa = concat(s, unit);
    let l1 = 0;
    let l2 = 0;
    for (let r = 0; r < n; r++) {
      const a = new Float32Array(2);
      let logp = 0;
      for (let i = 0; i < 2; i++) {
        const logStd = Math.min(2, Math.max(-20, head[2 + i]));
        const u = head[i] + Math.exp(logStd) * nextEps[2 * r + i];
        a[i] = Math.tanh(u);
        logp += -0.5 * nextEps[2 * r + i] ** 2 - logStd - 0.5 * Math.log(2 * Math.PI) - Math.log(1 - Math.tanh(u) ** 2);
      }
      const x2 = concat(s2, a);
      const y = 2 + gamma * (Math.min(q(0, x2), q(1, x2)) - alpha * logp);
      l1 += (q(0, sa) - y) ** 2 / n;
      l2 += (q(1, sa) - y) ** 2 / n;
    }
    const info = agent.update()!;
    expect(info.critic).toBeCloseTo(0.5 * (l1 + l2), 3);
    expect(info.alpha).toBe(alpha);
    expect(info.alpha_loss).toBeNaN();
    agent.dispose();
  });

  it('temperature (eq. 23) rises when entropy is below target and falls when above', () => {
    const alphaAfter = (targetEntropy: number) => {
      const agent = new Sac(ODD_SPEC, { ...TINY, learningStarts: 1, targetEntropy, entropyLearningRate: 0.05 }, new RootRandom(2));
      feed(agent, 5);
      const a = agent.alpha;
      agent.dispose();
      return a;
    };
    // A 2-D squashed policy has entropy at most 2 log 2 = 1.39 < 5; and far above -20.
    expect(alphaAfter(5)).toBeGreaterThan(1);
    expect(alphaAfter(-20)).toBeLessThan(1);
  });

  it('targets the default entropy -|A| and starts alpha at 1', () => {
    const agent = new Sac(ODD_SPEC, TINY, new RootRandom(1));
    expect(agent.targetEntropy).toBe(-2);
    expect(agent.alpha).toBeCloseTo(1, 6);
    agent.dispose();
  });

  // The save/load check covers alpha too: log_alpha is one of SAC's saved arrays.
  itPassesContinuousAgentChecks(make);

  it('the scqos preset carries 001 Table I; defaults are SB3\'s', () => {
    expect(SAC_SCQOS_PAPER).toMatchObject({ gamma: 0.99, tau: 5e-3, targetEntropy: -1, bufferSize: 20_000, actorLearningRate: 1e-4, criticLearningRate: 1e-4, entropyLearningRate: 1e-4, actorHiddenSizes: [512, 512, 512] });
    expect(SAC_DEFAULTS).toMatchObject({ actorLearningRate: 3e-4, batchSize: 256, tau: 0.005, gamma: 0.99, learningStarts: 100, entCoef: 'auto', targetEntropy: 'auto' });
    expect(() => resolveSacConfig({ logStdMin: 3 })).toThrow(/logStdMin/);
    expect(() => resolveSacConfig({ entCoef: -1 })).toThrow(/entCoef/);
  });
});
