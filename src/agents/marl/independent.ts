/**
 * Independent learners on a PettingZoo-parallel environment (004 Sec. 4.3, Fig. 3): one
 * `Agent` per agent id, each acting on its own local observation and learning from its own
 * transitions, with the reward made common to the team (004: the central controller turns the
 * cells' EE reports into the system EE and sends it back to every base station). Agents never
 * see each other's actions or parameters; the environment's non-stationarity is theirs to
 * handle, which is exactly the setting of 004's DQN/DRQN-MARL.
 */
import { join } from 'node:path';
import type { Action } from '../common/spaces.ts';
import type { Agent, AgentEnvSpec, UpdateInfo } from '../agent.ts';
import type { ParallelEnv } from '../../envs/types.ts';
import type { RootRandom } from '../../random/index.ts';

/** Builds the learner of one agent id; `random` is that agent's own child root. */
export type AgentFactory = (agentId: string, spec: AgentEnvSpec, random: RootRandom) => Agent;

/**
 * How each learner's reward is formed from the environment's per-agent rewards:
 * `'own'` passes each agent its own reward (use when the environment already shares one, as
 * 004's controller does), `'mean'` and `'sum'` give every agent the team's mean or sum.
 */
export type RewardSharing = 'own' | 'mean' | 'sum';

/** One joint step as the wrapper learns from it (PettingZoo-parallel dictionaries). */
export interface JointTransition {
  readonly observations: Readonly<Record<string, Float32Array>>;
  readonly actions: Readonly<Record<string, Action>>;
  readonly rewards: Readonly<Record<string, number>>;
  readonly nextObservations: Readonly<Record<string, Float32Array>>;
  readonly terminations: Readonly<Record<string, boolean>>;
  readonly truncations: Readonly<Record<string, boolean>>;
}

export class IndependentLearners {
  readonly agentIds: readonly string[];
  readonly learners: ReadonlyMap<string, Agent>;

  constructor(
    env: Pick<ParallelEnv, 'agents' | 'observationSpace' | 'actionSpace'>,
    factory: AgentFactory,
    random: RootRandom,
    readonly rewardSharing: RewardSharing = 'mean',
  ) {
    this.agentIds = [...env.agents];
    const m = new Map<string, Agent>();
    for (const id of this.agentIds) {
      // A child root per agent id: equal network names in two agents never share seeds.
      m.set(id, factory(id, { observationSpace: env.observationSpace(id), actionSpace: env.actionSpace(id) }, random.child(`agent/${id}`)));
    }
    this.learners = m;
  }

  /** Every agent's action from its own observation. */
  act(observations: Readonly<Record<string, Float32Array>>, explore: boolean): Record<string, Action> {
    const out: Record<string, Action> = {};
    for (const id of this.agentIds) out[id] = this.learner(id).act(observations[id], explore);
    return out;
  }

  /** The reward each learner is trained on, after sharing. */
  sharedRewards(rewards: Readonly<Record<string, number>>): Record<string, number> {
    if (this.rewardSharing === 'own') return { ...rewards };
    const total = this.agentIds.reduce((s, id) => s + rewards[id], 0);
    const team = this.rewardSharing === 'sum' ? total : total / this.agentIds.length;
    return Object.fromEntries(this.agentIds.map((id) => [id, team]));
  }

  /** Hand each learner its own transition, with the shared reward. */
  observe(t: JointTransition): void {
    const r = this.sharedRewards(t.rewards);
    for (const id of this.agentIds) {
      this.learner(id).observe({
        observation: t.observations[id],
        action: t.actions[id],
        reward: r[id],
        nextObservation: t.nextObservations[id],
        terminated: t.terminations[id],
        truncated: t.truncations[id],
      });
    }
  }

  /** Run every learner's due updates; `undefined` for learners that did not update. */
  update(): Record<string, UpdateInfo | undefined> {
    return Object.fromEntries(this.agentIds.map((id) => [id, this.learner(id).update()]));
  }

  onEpisodeEnd(): void {
    for (const a of this.learners.values()) a.onEpisodeEnd?.();
  }

  /** Save each learner to `dir/<agentId>`. */
  async save(dir: string): Promise<void> {
    for (const id of this.agentIds) await this.learner(id).save(join(dir, id));
  }

  async load(dir: string): Promise<void> {
    for (const id of this.agentIds) await this.learner(id).load(join(dir, id));
  }

  dispose(): void {
    for (const a of this.learners.values()) a.dispose();
  }

  private learner(id: string): Agent {
    const a = this.learners.get(id);
    if (!a) throw new RangeError(`no learner for agent '${id}'`);
    return a;
  }
}
