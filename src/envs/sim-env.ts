import type { Action, Space } from '../agents/common/spaces.ts';
import type { AnyScenarioPlugin } from '../scenarios/plugin.ts';
import type { Env, ResetResult, StepResult } from './types.ts';
import { SimParallelEnv, type SimEnvOptions, type SlotInfo } from './sim-parallel-env.ts';

/**
 * A Gymnasium-shaped environment over any single-agent scenario plug-in (a parallel
 * environment with one agent id). `step(action)` answers the open decision request and runs
 * to the next one; `truncated` marks the end of an episode (scenarios have time limits, not
 * terminal states).
 */
export class SimEnv implements Env<SlotInfo> {
  readonly inner: SimParallelEnv;
  readonly agentId: string;
  readonly observationSpace: Space;
  readonly actionSpace: Space;

  constructor(plugin: AnyScenarioPlugin, params: unknown, options: SimEnvOptions = {}) {
    this.inner = new SimParallelEnv(plugin, params, options);
    if (this.inner.possibleAgents.length !== 1) {
      throw new TypeError(`${plugin.kind} has ${this.inner.possibleAgents.length} agents (${this.inner.possibleAgents.join(', ')}); use SimParallelEnv`);
    }
    this.agentId = this.inner.possibleAgents[0];
    this.observationSpace = this.inner.observationSpace(this.agentId);
    this.actionSpace = this.inner.actionSpace(this.agentId);
  }

  get sim() {
    return this.inner.sim;
  }

  get params(): unknown {
    return this.inner.params;
  }

  /** Index of the current episode (counts resets). */
  get episodeIndex(): number {
    return this.inner.episodeIndex;
  }

  reset(options: { seed?: number } = {}): ResetResult<SlotInfo> {
    const r = this.inner.reset(options);
    return { observation: r.observations[this.agentId], info: r.infos[this.agentId] };
  }

  step(action: Action): StepResult<SlotInfo> {
    const id = this.agentId;
    const r = this.inner.step({ [id]: action });
    return { observation: r.observations[id], reward: r.rewards[id], terminated: r.terminations[id], truncated: r.truncations[id], info: r.infos[id] };
  }
}
