import type { SimParallelEnv } from '../envs/sim-parallel-env.ts';
import type { ActionRecorder } from './diagnostics.ts';
import type { EpisodeMetrics } from './episode-metrics.ts';
import { byNaturalOrder } from '../scenarios/plugin.ts';
import { meanCi95, type Interval } from './stats.ts';
import type { Team } from './team.ts';
import type { EpisodeAccumulator } from './training-log.ts';

/**
 * The episode loops of the run pipeline (`pipeline.ts`): one evaluation episode, one learning
 * episode per worker environment stepped in turn, and the per-metric summaries over episodes.
 */

/** One agent's evaluation: every declared metric as an interval over evaluation seeds, plus violations. */
export type AgentSummary = Record<string, Interval> & { readonly violations: number };

/**
 * Awaited after every slot of an episode: yields to the event loop, so that Ctrl-C and SIGTERM
 * handlers run, and throws to stop the run there (a training episode can take minutes).
 */
export type BetweenSlots = () => Promise<void>;

/** One evaluation episode (no exploration, no learning). */
export async function runEpisode(env: SimParallelEnv, team: Team, seed: number, recorder: ActionRecorder, between?: BetweenSlots): Promise<void> {
  let { observations } = env.reset({ seed });
  for (;;) {
    const actions = team.act(observations, false);
    for (const [id, a] of Object.entries(actions)) recorder.record(env.actionSpace(id), a, id);
    const step = env.step(actions);
    observations = step.observations;
    if (env.agents.length === 0) break;
    await between?.();
  }
  team.onEpisodeEnd();
}

/**
 * One learning episode on each environment, stepped in turn (A2C's synchronous workers): every
 * step acts, steps and learns on environment 0, then 1, ...; `between` is awaited after each round. Returns each episode's return
 * (mean over the team's members) and slot count; `logs[i]` gets environment i's actions and
 * the updates its steps triggered.
 */
export async function runEpisodesInTurn(
  envs: readonly SimParallelEnv[],
  team: Team,
  seedOf: (i: number) => number,
  logs: readonly EpisodeAccumulator[],
  between?: BetweenSlots,
): Promise<{ reward: number; slots: number }[]> {
  const out = envs.map(() => ({ reward: 0, slots: 0 }));
  const obs = envs.map((env, i) => env.reset({ seed: seedOf(i) }).observations);
  const live = envs.map(() => true);
  const members = Object.keys(team.members).length;
  while (live.some(Boolean)) {
    for (const [i, env] of envs.entries()) {
      if (!live[i]) continue;
      const actions = team.act(obs[i], true, envs.length > 1 ? i : undefined);
      for (const [id, a] of Object.entries(actions)) logs[i].action(env.actionSpace(id), a);
      const step = env.step(actions);
      for (const r of Object.values(step.rewards)) out[i].reward += r / members;
      out[i].slots++;
      for (const info of team.learn(obs[i], actions, step, envs.length > 1 ? i : undefined)) logs[i].update(info);
      obs[i] = step.observations;
      if (env.agents.length === 0) live[i] = false;
    }
    if (live.some(Boolean)) await between?.();
  }
  team.onEpisodeEnd();
  return out;
}

/** Each metric's mean over a set of episodes. */
export function meanValues(names: readonly string[], episodes: readonly EpisodeMetrics[]): Record<string, number> {
  return Object.fromEntries(names.map((n) => [n, episodes.reduce((a, m) => a + m.values[n], 0) / episodes.length]));
}

export function summarise(names: readonly string[], bySeed: EpisodeMetrics[][]): AgentSummary {
  const out: Record<string, Interval | number> = {};
  for (const n of names) out[n] = meanCi95(bySeed.map((ms) => ms.reduce((a, m) => a + m.values[n], 0) / ms.length));
  out.violations = bySeed.flat().reduce((a, m) => a + m.violations, 0);
  return out as AgentSummary;
}

/** Per metric with a breakdown, per entity: an interval over evaluation seeds. */
export type BreakdownSummary = Record<string, Record<string, Interval>>;

/**
 * Each broken-down metric's per-entity values (`EpisodeMetrics.breakdown`), like `summarise`:
 * the mean over a seed's episodes, then an interval over the seeds. An entity missing from
 * some episodes is averaged over those that report it.
 */
export function summariseBreakdowns(names: readonly string[], bySeed: EpisodeMetrics[][]): BreakdownSummary {
  const out: BreakdownSummary = {};
  for (const n of names) {
    const entities = [...new Set(bySeed.flat().flatMap((m) => Object.keys(m.breakdown[n] ?? {})))].sort(byNaturalOrder);
    out[n] = Object.fromEntries(
      entities.map((entity) => {
        const seedMeans = bySeed
          .map((ms) => ms.map((m) => m.breakdown[n]?.[entity]).filter((v): v is number => v !== undefined))
          .filter((vs) => vs.length > 0)
          .map((vs) => vs.reduce((a, v) => a + v, 0) / vs.length);
        return [entity, meanCi95(seedMeans)];
      }),
    );
  }
  return out;
}
