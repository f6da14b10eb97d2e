/**
 * Tensor-leak check shared by the agent tests (issue 5: "tensor count must stay flat over 1000
 * updates"). The drivers count gradient updates from what the agents report (non-undefined
 * `update()` results times the configured gradient steps per update), so a check fails when
 * updates stop happening as well as when tensors pile up.
 */
import { expect } from 'vitest';
import { tf } from '../../../src/agents/common/backend.ts';
import type { Agent } from '../../../src/agents/agent.ts';
import type { IndependentLearners } from '../../../src/agents/marl/independent.ts';
import type { Env, ParallelEnv } from '../../../src/envs/types.ts';

/** Runs `steps` more env steps of training and returns the gradient updates they performed. */
export type Drive = (steps: number) => number;

/** What {@link expectFlatTensorCount} needs. */
export interface LeakCheck<O> {
  /** Anything with the agent `act` shape: an `Agent` or a multi-agent team. */
  readonly actor: { act(observation: O, explore: boolean): unknown };
  /** Observation that `act` is probed with, exploring and not, before and after training. */
  readonly probe: O;
  readonly drive: Drive;
  /**
   * Env steps before the count is taken. Must include at least one update, because optimisers
   * create their moment slots lazily on the first step.
   */
  readonly warmupSteps: number;
  /** Env steps per `drive` call. Default 250. */
  readonly chunkSteps?: number;
  /** Gradient updates to run after warm-up. Default 1000. */
  readonly updates?: number;
}

/** Counts measured by {@link expectFlatTensorCount}, for callers that want to assert more. */
export interface LeakResult {
  readonly updates: number;
  readonly tensors: number;
}

/**
 * Warm up, probe `act`, record `tf.memory().numTensors`, train until at least `updates`
 * gradient updates have run, probe again and assert the count is unchanged. On a leak the
 * message gives the growth per update, which is what a report of the leak needs.
 */
export function expectFlatTensorCount<O>(check: LeakCheck<O>): LeakResult {
  const target = check.updates ?? 1000;
  const chunk = check.chunkSteps ?? 250;
  const probe = () => {
    check.actor.act(check.probe, true);
    check.actor.act(check.probe, false);
  };
  expect(check.drive(check.warmupSteps), 'no update during warm-up').toBeGreaterThan(0);
  probe();
  const before = tf.memory().numTensors;
  let updates = 0;
  let idle = 0;
  while (updates < target) {
    const done = check.drive(chunk);
    updates += done;
    idle = done === 0 ? idle + 1 : 0;
    // Two chunks without an update means the agent stopped learning: fail rather than spin.
    if (idle >= 2) break;
  }
  probe();
  const tensors = tf.memory().numTensors;
  expect(updates, 'gradient updates after warm-up').toBeGreaterThanOrEqual(target);
  const growth = tensors - before;
  expect(growth, `${growth} more live tensors after ${updates} updates (${(growth / updates).toFixed(3)} per update)`).toBe(0);
  return { updates, tensors };
}

/**
 * The single-agent off-policy loop of `envs/runner.train` (act, step, observe, update, episode
 * end, reset), kept alive across calls and counting updates: `gradientSteps` per
 * non-undefined `update()`.
 */
export function envDriver(env: Env, agent: Agent, seed: number, gradientSteps: number): Drive {
  let observation = env.reset({ seed }).observation;
  return (steps) => {
    let updates = 0;
    for (let t = 0; t < steps; t++) {
      const action = agent.act(observation, true);
      const r = env.step(action);
      agent.observe({ observation, action, reward: r.reward, nextObservation: r.observation, terminated: r.terminated, truncated: r.truncated });
      if (agent.update() !== undefined) updates += gradientSteps;
      if (r.terminated || r.truncated) {
        agent.onEpisodeEnd?.();
        observation = env.reset().observation;
      } else {
        observation = r.observation;
      }
    }
    return updates;
  };
}

/**
 * The loop of `marl/loop.trainParallel`, kept alive across calls. Every learner's updates are
 * counted separately (`gradientSteps` per non-undefined result); a call returns how far the
 * least-updated learner advanced, so "1000 updates" means 1000 updates of each learner.
 */
export function parallelDriver(env: ParallelEnv, team: IndependentLearners, seed: number, gradientSteps: number): Drive {
  let observations = env.reset({ seed }).observations;
  const counts = new Map(team.agentIds.map((id) => [id, 0]));
  const least = () => Math.min(...counts.values());
  return (steps) => {
    const start = least();
    for (let t = 0; t < steps; t++) {
      const actions = team.act(observations, true);
      const r = env.step(actions);
      team.observe({ observations, actions, rewards: r.rewards, nextObservations: r.observations, terminations: r.terminations, truncations: r.truncations });
      for (const [id, info] of Object.entries(team.update())) if (info !== undefined) counts.set(id, counts.get(id)! + gradientSteps);
      if (team.agentIds.some((id) => r.terminations[id] || r.truncations[id])) {
        team.onEpisodeEnd();
        observations = env.reset().observations;
      } else {
        observations = r.observations;
      }
    }
    return least() - start;
  };
}
