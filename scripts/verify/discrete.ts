/**
 * CartPole-v1 (and toy-task) verification of the discrete agents. DQN and D3QN use RL Zoo's
 * tuned DQN CartPole-v1 set (`hyperparams/dqn.yml`: 5e4 steps, lr 2.3e-3, batch 64, buffer
 * 1e5, learning_starts 1000, gamma 0.99, target update every 10 steps, train_freq 256 with
 * 128 gradient steps, epsilon 1 -> 0.04 over 16 % of training, [256, 256] ReLU); D3QN keeps
 * the loop with the same lr annealed linearly to 0 (`D3QN_CARTPOLE_PRESET`). Discrete SAC,
 * DRQN, A2C and hybrid SAC have no Zoo entry: their settings are documented per case and the
 * reference is null (or a closed-form optimum).
 */
import type { Agent } from '../../src/agents/agent.ts';
import { A2c } from '../../src/agents/rl/a2c/a2c.ts';
import { trainInTurn } from '../../src/agents/rl/a2c/in-turn.ts';
import { D3QN_CARTPOLE_PRESET } from '../../src/agents/rl/d3qn/config.ts';
import { D3qn } from '../../src/agents/rl/d3qn/d3qn.ts';
import { Dqn } from '../../src/agents/rl/dqn/dqn.ts';
import { Drqn } from '../../src/agents/rl/drqn/drqn.ts';
import { DiscreteSac } from '../../src/agents/rl/dsac/dsac.ts';
import { HybridSac } from '../../src/agents/rl/hybrid-sac/hybrid-sac.ts';
import { HybridArms } from '../../src/agents/rl/hybrid-sac/toy-env.ts';
import { CartPole } from '../../src/envs/cartpole.ts';
import type { CartPoleConfig } from '../../src/envs/cartpole.ts';
import { evaluate, mean, train } from '../../src/envs/runner.ts';
import type { Env } from '../../src/envs/types.ts';
import { RootRandom } from '../../src/random/index.ts';
import type { AgentOverrides, VerifyCase } from './types.ts';

const EVAL_EPISODES = 10;
const ZOO_CARTPOLE = { mean: 500, source: 'SB3 RL Zoo benchmark, DQN CartPole-v1 after 5e4 steps' };

/** Train with the standard runner, logging periodic evaluations, and return the final evaluation mean. */
function offPolicyCase(
  algo: string,
  env: string,
  steps: number,
  reference: VerifyCase['reference'],
  makeEnv: () => Env,
  makeAgent: (e: Env, root: RootRandom, overrides: AgentOverrides) => Agent,
  defaultSeeds?: number,
): VerifyCase {
  return {
    algo,
    defaultSeeds,
    env,
    steps,
    reference,
    probe: () => makeAgent(makeEnv(), new RootRandom(0), {}),
    async run(seed, log, overrides) {
      const e = makeEnv();
      const agent = makeAgent(e, new RootRandom(seed), overrides);
      try {
        train(e, agent, {
          steps,
          seed,
          evalEvery: Math.max(1000, Math.round(steps / 10)),
          evalEnv: makeEnv(),
          evalEpisodes: 5,
          evalSeed: 1_000_000 + seed,
          onEvaluation: (p) => log(`step ${p.step}: eval mean ${p.mean.toFixed(1)}`),
        });
        return mean(evaluate(makeEnv(), agent, { episodes: EVAL_EPISODES, seed: 2_000_000 + seed }));
      } finally {
        agent.dispose();
      }
    },
  };
}

const cartPole = (c: Partial<CartPoleConfig> = {}) => () => new CartPole(c);

/** A2C with 8 CartPoles stepped in turn (SB3 A2C defaults, Zoo's n_envs 8). */
const a2cCartPole: VerifyCase = {
  algo: 'a2c',
  env: 'CartPole-v1',
  steps: 100_000,
  reference: null,
  probe: () => new A2c(new CartPole(), { numEnvs: 8 }, new RootRandom(0)),
  async run(seed, log, overrides) {
    const envs = Array.from({ length: 8 }, () => new CartPole());
    const agent = new A2c(envs[0], { numEnvs: 8, ...overrides }, new RootRandom(seed));
    try {
      let next = 10_000;
      trainInTurn(envs, agent, {
        steps: 100_000,
        seed,
        onEpisode: (e) => {
          if (e.step >= next) {
            next += 10_000;
            log(`step ${e.step}: eval mean ${mean(evaluate(new CartPole(), agent, { episodes: 5, seed: 1_000_000 + seed })).toFixed(1)}`);
          }
        },
      });
      return mean(evaluate(new CartPole(), agent, { episodes: EVAL_EPISODES, seed: 2_000_000 + seed }));
    } finally {
      agent.dispose();
    }
  },
};

/** The discrete (and hybrid) cases, one per algorithm. */
export const discreteCases: VerifyCase[] = [
  // Bimodal final returns (500 or ~100): 10 seeds by default, see VerifyCase.defaultSeeds.
  offPolicyCase('dqn', 'CartPole-v1', 50_000, ZOO_CARTPOLE, cartPole(), (e, root, o) => new Dqn(e, o, root), 10),
  offPolicyCase('d3qn', 'CartPole-v1', 50_000, ZOO_CARTPOLE, cartPole(), (e, root, o) => new D3qn(e, { ...D3QN_CARTPOLE_PRESET, ...o }, root), 10),
  // Christodoulou's 0.98 log|A| target keeps a 2-action policy almost uniform; 0.3 log 2 lets it commit.
  offPolicyCase('dsac', 'CartPole-v1', 20_000, null, cartPole(), (e, root, o) =>
    new DiscreteSac(e, { hiddenSizes: [64, 64], batchSize: 64, learningStarts: 1000, learningRate: 1e-3, targetEntropyScale: 0.3, ...o }, root),
  ),
  // Velocities hidden: a POMDP where the LSTM must infer them from the position history.
  offPolicyCase('drqn', 'CartPole-v1 (positions only)', 50_000, null, cartPole({ observe: 'position' }), (e, root, o) =>
    new Drqn(e, { exploration: { kind: 'linear', start: 1, end: 0.04, duration: 10_000 }, ...o }, root),
  ),
  a2cCartPole,
  offPolicyCase('hybrid-sac', 'HybridArms (toy)', 3000, { mean: 10, source: 'closed-form optimum of HybridArms (1 per step, 10 steps)' }, () => new HybridArms(), (e, root, o) =>
    new HybridSac(e, { hiddenSizes: [64, 64], batchSize: 64, learningRate: 1e-3, gamma: 0.5, discreteEntropyScale: 0.3, ...o }, root),
  ),
];
