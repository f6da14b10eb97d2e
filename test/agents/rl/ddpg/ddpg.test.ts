import { describe, it, expect, beforeAll } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { Ddpg } from '../../../../src/agents/rl/ddpg/ddpg.ts';
import { DDPG_DEFAULTS, resolveDdpgConfig } from '../../../../src/agents/rl/ddpg/config.ts';
import { DDPG_TOSCN_PAPER } from '../../../../src/scenarios/toscn/constants.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { ODD_SPEC, TINY, concat, itPassesContinuousAgentChecks, observeOne, reachReturn } from '../../common/continuous-agent-checks.ts';
import type { MakeAgent } from '../../common/continuous-agent-checks.ts';
import { relErr, sech2 } from '../../common/nn/closed-forms.ts';

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

  it('a saturated actor output (pre-activation 20, output exactly 1) still gets the critic gradient times sech²(20) in the actor loss', () => {
    // Issue 14: with tanh' taken as 1 - y² from the float32 output this gradient was exactly
    // 0, so an actor pinned in a corner of its action box could never leave it.
    const agent = new Ddpg(ODD_SPEC, TINY, new RootRandom(8));
    const [w0, b0, w1, b1] = agent.actor.getWeights();
    const [hiddenSize, actions] = [b0.length, b1.length];
    for (let i = 0; i < hiddenSize; i++) w1[i * actions] = 0; // action 0's pre-activation is its bias for every state
    b1[0] = 20;
    agent.actor.setWeights([w0, b0, w1, b1]);
    const n = 6;
    const obs = Float32Array.from({ length: 3 * n }, (_, k) => Math.sin(1.7 * k + 0.3));
    const { db, dw, dq, mu } = tf.tidy(() => {
      const s = tf.tensor2d(obs, [n, 3]);
      // The actor loss exactly as Ddpg.trainStep writes it (eqs. 29-32).
      const actorLoss = () => tf.neg(tf.mean(agent.critic.apply(tf.concat([s, agent.actor.apply(s, { input: false })], 1), { weights: false }))) as tf.Scalar;
      const { grads } = tf.variableGrads(actorLoss, agent.actor.variables);
      const [vw1, vb1] = agent.actor.variables.slice(2);
      // dC/da at the actor's actions, through the critic's own (relu/linear) backward.
      const a = agent.actor.apply(s);
      const dq = tf.grad((sa: tf.Tensor) => tf.sum(agent.critic.apply(sa as tf.Tensor2D)))(tf.concat([s, a], 1));
      return { db: grads[vb1.name].dataSync(), dw: grads[vw1.name].dataSync(), dq: dq.dataSync(), mu: a.dataSync() };
    });
    for (let k = 0; k < n; k++) expect(mu[k * actions]).toBe(1);
    // dL/db_0 = -(1/n) Σ_k dC/da_0(s_k) sech²(20); dL/dW_i0 = -(1/n) Σ_k h_ki dC/da_0(s_k) sech²(20).
    const hidden = (k: number, i: number) => Math.max(0, b0[i] + [0, 1, 2].reduce((z, j) => z + obs[3 * k + j] * w0[j * hiddenSize + i], 0));
    const dC = (k: number) => dq[k * (3 + actions) + 3];
    let want = 0;
    for (let k = 0; k < n; k++) want -= (dC(k) * sech2(20)) / n;
    expect(Math.abs(db[0])).toBeGreaterThan(0);
    expect(relErr(db[0], want)).toBeLessThan(1e-4);
    const wantW = Array.from({ length: hiddenSize }, (_, i) => {
      let g = 0;
      for (let k = 0; k < n; k++) g -= (hidden(k, i) * dC(k) * sech2(20)) / n;
      return g;
    });
    const scale = Math.max(...wantW.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    wantW.forEach((g, i) => expect(Math.abs(dw[i * actions] - g)).toBeLessThan(1e-4 * scale));
    agent.dispose();
  });

  it('preTanhPenalty adds lambda x mean(u^2) on the pre-tanh outputs: 2 lambda u / |A| of gradient on a saturated output, none without it', () => {
    // A probe exposing the actor loss exactly as trainStep uses it.
    class Probe extends Ddpg {
      loss(s: tf.Tensor2D): tf.Scalar {
        return this.actorLoss(this.critic, s);
      }
    }
    const n = 5;
    const obs = Float32Array.from({ length: 3 * n }, (_, k) => Math.cos(0.9 * k));
    const gradOfBias = (lambda: number): { db0: number; act: number } => {
      const agent = new Probe(ODD_SPEC, { ...TINY, preTanhPenalty: lambda }, new RootRandom(8));
      const [w0, b0, w1, b1] = agent.actor.getWeights();
      for (let i = 0; i < b0.length; i++) w1[i * b1.length] = 0; // output 0's pre-activation u is its bias
      b1[0] = 20;
      agent.actor.setWeights([w0, b0, w1, b1]);
      const cw = agent.critic.getWeights();
      cw[cw.length - 2].fill(0); // a constant critic: the critic's gain has no gradient at all
      agent.critic.setWeights(cw);
      const db0 = tf.tidy(() => {
        const { grads } = tf.variableGrads(() => agent.loss(tf.tensor2d(obs, [n, 3])), agent.actor.variables);
        return grads[agent.actor.variables[3].name].dataSync()[0];
      });
      const act = agent.act(obs.subarray(0, 3), false).continuous![0];
      agent.dispose();
      return { db0, act };
    };
    const off = gradOfBias(0);
    expect(off.db0).toBe(0);
    expect(off.act).toBe(10); // tanh(20) = 1 in float32: the top of [0, 10]
    const on = gradOfBias(0.5);
    // d/db0 of lambda (1/(n |A|)) sum_k sum_j u_kj^2 = lambda (1/(n |A|)) sum_k 2 u_k0 = 2 lambda 20 / |A|, |A| = 2.
    expect(on.db0).toBeCloseTo((2 * 0.5 * 20) / 2, 4);
    expect(on.act).toBe(10); // the same policy: tanh is applied outside the net
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
