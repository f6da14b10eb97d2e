import type { Agent } from '../agents/agent.ts';
import { agentEntry } from '../agents/registry.ts';
import { RootRandom } from '../random/index.ts';
import { ToscnEnv } from '../scenario/toscn/env.ts';
import { resolveToscn, type ToscnParams } from '../scenario/toscn/params.ts';
import type { ToscnScenario } from '../scenario/toscn/schema.ts';
import { InputError } from '../scenario/errors.ts';
import type { TraceSink } from '../trace/index.ts';
import { addSlot, emptyMetrics, finishEpisode, type EpisodeMetrics } from './episode-metrics.ts';
import { meanCi95, type Interval } from './stats.ts';
import '../agents/builtin.ts';

/** Progress of a run, reported once per episode. */
export interface RunProgress {
  readonly stage: 'train' | 'eval';
  readonly agent: string;
  readonly episode: number;
  readonly episodes: number;
  readonly slots: number;
  readonly lastReward: number;
}

/** What a toscn run produces (before it is written to disk). */
export interface ToscnResult {
  readonly params: ToscnParams;
  readonly training: Record<string, number[]>;
  readonly agents: Record<string, AgentSummary>;
  /** Queue length per device per slot, first evaluation episode of each agent. */
  readonly queues: Record<string, number[][]>;
  /** Trace episode ranges: which agent, stage and seed each episode index belongs to. */
  readonly episodes: { agent: string; stage: 'train' | 'eval'; first: number; last: number }[];
  readonly evalSeeds: number[];
}

export interface AgentSummary {
  readonly reward: Interval;
  readonly delivered: Interval;
  readonly accuracy: Interval;
  readonly dropped: Interval;
  readonly objective: Interval;
  readonly violations: number;
}

export interface ToscnRunOptions {
  readonly seed: number;
  readonly episodes: number;
  readonly agents: readonly string[];
  readonly sink?: TraceSink;
  readonly onProgress?: (p: RunProgress) => void;
}

/** Seeds of the evaluation episodes: held out from training (a different child of the root). */
export function evaluationSeeds(root: RootRandom, count: number): number[] {
  const evalRoot = root.child('eval');
  return Array.from({ length: count }, (_, k) => evalRoot.seedOf(`seed/${k}`));
}

/**
 * Trains the learning agents, then evaluates every agent on the same held-out seeds
 * (SPEC section 1). Everything runs on one actor system, so one trace holds the whole run.
 */
export function runToscn(scenario: ToscnScenario, options: ToscnRunOptions): ToscnResult {
  const params = resolveToscn(scenario);
  const root = new RootRandom(options.seed);
  const env = new ToscnEnv(params, { sink: options.sink });
  const spec = { observationSpace: env.observationSpace, actionSpace: env.actionSpace };
  const seeds = evaluationSeeds(root, scenario.run.evalSeeds);
  const perSeed = Math.max(1, Math.ceil(scenario.run.evalEpisodes / scenario.run.evalSeeds));
  const result: ToscnResult = { params, training: {}, agents: {}, queues: {}, episodes: [], evalSeeds: seeds };

  for (const name of options.agents) {
    const entry = agentEntry(name);
    if (!entry) throw new InputError(`agent '${name}' is not registered (see 'semsim list')`);
    const agent = entry.create(spec, params, root.child(`agent/${name}`), scenario.agentConfig[name] ?? {});
    try {
      if (entry.learns) {
        const first = env.episodeIndex + 1;
        const trainRoot = root.child('train');
        result.training[name] = [];
        const workers = [env, ...Array.from({ length: (entry.workers ?? 1) - 1 }, () => new ToscnEnv(params))];
        for (let e = 0; e < options.episodes; e += workers.length) {
          const batch = workers.slice(0, Math.min(workers.length, options.episodes - e));
          const ms = runEpisodesInTurn(batch, agent, (i) => trainRoot.seedOf(`episode/${e + i}`));
          for (const [i, m] of ms.entries()) {
            result.training[name].push(m.reward);
            options.onProgress?.({ stage: 'train', agent: name, episode: e + i + 1, episodes: options.episodes, slots: m.slots, lastReward: m.reward });
          }
        }
        result.episodes.push({ agent: name, stage: 'train', first, last: env.episodeIndex });
      }
      const first = env.episodeIndex + 1;
      const bySeed: EpisodeMetrics[][] = [];
      let violations = 0;
      for (const [k, seed] of seeds.entries()) {
        const seedRoot = new RootRandom(seed);
        bySeed.push([]);
        for (let i = 0; i < perSeed; i++) {
          const queues: number[][] | undefined = k === 0 && i === 0 ? [] : undefined;
          const m = runEpisode(env, agent, seedRoot.seedOf(`episode/${i}`), false, queues);
          if (queues) result.queues[name] = queues;
          bySeed[k].push(m);
          violations += m.violations;
          options.onProgress?.({ stage: 'eval', agent: name, episode: k * perSeed + i + 1, episodes: seeds.length * perSeed, slots: m.slots, lastReward: m.reward });
        }
      }
      result.episodes.push({ agent: name, stage: 'eval', first, last: env.episodeIndex });
      result.agents[name] = summarise(bySeed, violations);
    } finally {
      agent.dispose();
    }
  }
  return result;
}

/** One episode; learning agents observe and update when `learn` is set. */
function runEpisode(env: ToscnEnv, agent: Agent, seed: number, learn: boolean, queues?: number[][]): EpisodeMetrics {
  const m = emptyMetrics();
  let { observation } = env.reset({ seed });
  const D = env.params.devices;
  const J = env.params.tasks.length;
  for (;;) {
    queues?.push(Array.from(observation.subarray(J + D, J + 2 * D), (q) => Math.round(q * env.params.bufferCapacity)));
    const action = agent.act(observation, learn);
    const step = env.step(action);
    addSlot(m, step.info, step.reward);
    if (learn) {
      agent.observe({ observation, action, reward: step.reward, nextObservation: step.observation, terminated: step.terminated, truncated: step.truncated });
      agent.update();
    }
    observation = step.observation;
    if (step.terminated || step.truncated) break;
  }
  agent.onEpisodeEnd?.();
  return finishEpisode(m);
}

/**
 * One learning episode on each environment, stepped in turn (A2C's synchronous workers): every
 * step acts, steps and learns on environment 0, then 1, ... Only the first one is traced.
 */
function runEpisodesInTurn(envs: readonly ToscnEnv[], agent: Agent, seedOf: (i: number) => number): EpisodeMetrics[] {
  if (envs.length === 1) return [runEpisode(envs[0], agent, seedOf(0), true)];
  const metrics = envs.map(() => emptyMetrics());
  const obs = envs.map((env, i) => env.reset({ seed: seedOf(i) }).observation);
  const live = envs.map(() => true);
  while (live.some(Boolean)) {
    for (const [i, env] of envs.entries()) {
      if (!live[i]) continue;
      const action = agent.act(obs[i], true);
      const step = env.step(action);
      addSlot(metrics[i], step.info, step.reward);
      agent.observe({ observation: obs[i], action, reward: step.reward, nextObservation: step.observation, terminated: step.terminated, truncated: step.truncated });
      agent.update();
      obs[i] = step.observation;
      if (step.terminated || step.truncated) live[i] = false;
    }
  }
  agent.onEpisodeEnd?.();
  return metrics.map(finishEpisode);
}

function summarise(bySeed: EpisodeMetrics[][], violations: number): AgentSummary {
  const per = (f: (m: EpisodeMetrics) => number): Interval => meanCi95(bySeed.map((ms) => ms.reduce((a, m) => a + f(m), 0) / ms.length));
  return {
    reward: per((m) => m.reward),
    delivered: per((m) => m.delivered),
    accuracy: per((m) => m.accuracy),
    dropped: per((m) => m.dropped),
    objective: per((m) => m.objective),
    violations,
  };
}
