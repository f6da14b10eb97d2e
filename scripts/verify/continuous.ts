/**
 * Pendulum-v1 verification of the continuous agents against the SB3 RL Zoo. Hyperparameters
 * follow the Zoo's Pendulum-v1 entries (lr 1e-3; DDPG/TD3: gamma 0.98, Gaussian noise 0.1,
 * buffer 2e5) with two documented reductions so that 3 seeds x 3 algorithms fit on two
 * shared CPU cores: networks [64, 64] with batch 64 instead of [400, 300] / [256, 256] with
 * batch 256, and random warm-up of 1000 steps instead of the Zoo's 10 000 for DDPG/TD3.
 */
import type { Agent } from '../../src/agents/agent.ts';
import { Ddpg } from '../../src/agents/rl/ddpg/ddpg.ts';
import { Sac } from '../../src/agents/rl/sac/sac.ts';
import { Td3 } from '../../src/agents/rl/td3/td3.ts';
import { PendulumEnv } from '../../src/envs/pendulum.ts';
import { evaluate, mean, train } from '../../src/envs/runner.ts';
import { RootRandom } from '../../src/random/index.ts';
import type { AgentOverrides, VerifyCase } from './types.ts';

const STEPS = 20_000;
const EVAL_EPISODES = 10;
const SMALL_NETS = { actorHiddenSizes: [64, 64], criticHiddenSizes: [64, 64], batchSize: 64 } as const;
/** RL Zoo `hyperparams/{ddpg,td3}.yml`, Pendulum-v1 (n_timesteps 2e4). */
const ZOO_DETERMINISTIC = { ...SMALL_NETS, actorLearningRate: 1e-3, criticLearningRate: 1e-3, gamma: 0.98, bufferSize: 200_000, learningStarts: 1000, noise: { kind: 'gaussian', std: 0.1 } } as const;
/** RL Zoo `hyperparams/sac.yml`, Pendulum-v1: learning_rate 1e-3, other SB3 defaults. */
const ZOO_SAC = { ...SMALL_NETS, actorLearningRate: 1e-3, criticLearningRate: 1e-3, entropyLearningRate: 1e-3, learningStarts: 1000 } as const;

const ZOO_SOURCE = 'SB3 RL Zoo benchmark, 2e4 steps';

function pendulumCase(algo: string, make: (env: PendulumEnv, root: RootRandom, overrides: AgentOverrides) => Agent): VerifyCase {
  return {
    algo,
    env: 'Pendulum-v1',
    steps: STEPS,
    reference: { mean: -150, source: ZOO_SOURCE },
    probe: () => make(new PendulumEnv(), new RootRandom(0), {}),
    async run(seed, log, overrides) {
      const env = new PendulumEnv();
      const agent = make(env, new RootRandom(seed), overrides);
      try {
        train(env, agent, {
          steps: STEPS,
          seed,
          evalEvery: 2000,
          evalEnv: new PendulumEnv(),
          evalEpisodes: 5,
          evalSeed: 1_000_000 + seed,
          onEvaluation: (e) => log(`step ${e.step}: eval mean ${e.mean.toFixed(1)}`),
        });
        return mean(evaluate(new PendulumEnv(), agent, { episodes: EVAL_EPISODES, seed: 2_000_000 + seed }));
      } finally {
        agent.dispose();
      }
    },
  };
}

/** The continuous cases, one per algorithm. */
export const continuousCases: VerifyCase[] = [
  pendulumCase('sac', (env, root, o) => new Sac(env, { ...ZOO_SAC, ...o }, root)),
  pendulumCase('td3', (env, root, o) => new Td3(env, { ...ZOO_DETERMINISTIC, ...o }, root)),
  pendulumCase('ddpg', (env, root, o) => new Ddpg(env, { ...ZOO_DETERMINISTIC, ...o }, root)),
];
