import { join } from 'node:path';
import type { Agent, UpdateInfo } from '../agents/agent.ts';
import type { Action } from '../agents/common/spaces.ts';
import { StateReader, StateWriter, type AgentState } from '../agents/common/checkpoint-state.ts';
import type { SimParallelEnv } from '../envs/sim-parallel-env.ts';
import type { RootRandom } from '../random/index.ts';
import type { AgentEntry } from '../scenarios/plugin.ts';

/**
 * One agent instance per agent id of a scenario: a single-agent scenario's team has one
 * member; a multi-agent one has independent learners, one per id.
 */
export class Team {
  /** Learning updates that ran (an `update()` that returned losses), over all members. */
  updates = 0;

  constructor(
    readonly members: Readonly<Record<string, Agent>>,
    /** Maps the environment's reward and info to the reward the members learn from (default: the reward). */
    private readonly learningReward?: AgentEntry<unknown>['learningReward'],
  ) {}

  /**
   * Builds the team for agent `name`. A team of one draws from `root.child('agent/<name>')`
   * (as a single agent always has); members of a larger team from `agent/<name>/<id>`.
   */
  static create(name: string, entry: AgentEntry<unknown>, env: SimParallelEnv, root: RootRandom, overrides: Readonly<Record<string, unknown>>): Team {
    const ids = env.possibleAgents;
    const members: Record<string, Agent> = {};
    try {
      for (const id of ids) {
        const random = root.child(ids.length === 1 ? `agent/${name}` : `agent/${name}/${id}`);
        const spec = { observationSpace: env.observationSpace(id), actionSpace: env.actionSpace(id) };
        members[id] = entry.create({ spec, params: env.params, random, overrides, agentId: id });
      }
    } catch (err) {
      for (const a of Object.values(members)) a.dispose();
      throw err;
    }
    return new Team(members, entry.learningReward);
  }

  /** `env`: which of a multi-environment learner's environments this step is for (see `Transition.env`). */
  act(observations: Readonly<Record<string, Float32Array>>, explore: boolean, env?: number): Record<string, Action> {
    const actions: Record<string, Action> = {};
    for (const [id, agent] of Object.entries(this.members)) actions[id] = agent.act(observations[id], explore, env);
    return actions;
  }

  /**
   * Records every member's transition, then runs their due updates; returns what each update
   * reported. Members are independent learners, so recording all transitions before the first
   * update changes nothing, and lets members that can ({@link GroupUpdatable}: DRQN) update
   * together in one batched pass.
   */
  learn(
    before: Readonly<Record<string, Float32Array>>,
    actions: Readonly<Record<string, Action>>,
    step: ReturnType<SimParallelEnv['step']>,
    env?: number,
  ): UpdateInfo[] {
    const agents = Object.entries(this.members).map(([id, agent]) => {
      agent.observe({
        observation: before[id],
        action: actions[id],
        reward: this.learningReward ? this.learningReward(step.rewards[id], step.infos[id]) : step.rewards[id],
        nextObservation: step.observations[id],
        terminated: step.terminations[id],
        truncated: step.truncations[id],
        ...(env === undefined ? {} : { env }),
      });
      return agent;
    });
    const [first, ...rest] = agents;
    const reports = rest.length > 0 && isGroupUpdatable(first) ? first.updateGroup(rest) : agents.map((a) => a.update());
    const infos = reports.filter((info): info is UpdateInfo => info !== undefined);
    this.updates += infos.length;
    return infos;
  }

  /** The members' `trainingStats()`, each key averaged over the members that report it. */
  trainingStats(): Record<string, number> {
    const sums = new Map<string, { sum: number; n: number }>();
    for (const agent of Object.values(this.members)) {
      for (const [k, v] of Object.entries(agent.trainingStats?.() ?? {})) {
        const s = sums.get(k) ?? { sum: 0, n: 0 };
        s.sum += v;
        s.n++;
        sums.set(k, s);
      }
    }
    return Object.fromEntries([...sums].map(([k, s]) => [k, s.sum / s.n]));
  }

  /** Saves every member under `dir/<agent id>/` (ids are path-safe: they name actors). */
  async save(dir: string): Promise<void> {
    for (const [id, agent] of Object.entries(this.members)) await agent.save(join(dir, safeSegment(id)));
  }

  /** Loads every member from `dir/<agent id>/`, as `save` wrote it. */
  async load(dir: string): Promise<void> {
    for (const [id, agent] of Object.entries(this.members)) await agent.load(join(dir, safeSegment(id)));
  }

  /** Members that cannot write a checkpoint (no `saveState`/`loadState`). */
  membersWithoutState(): string[] {
    return Object.entries(this.members).filter(([, a]) => !a.saveState || !a.loadState).map(([id]) => id);
  }

  /** Every member's full training state, by agent id (run checkpoints). */
  async saveState(): Promise<Record<string, AgentState>> {
    const out: Record<string, AgentState> = {};
    for (const [id, agent] of Object.entries(this.members)) {
      const w = new StateWriter();
      await agent.saveState!(w);
      out[id] = w.result();
    }
    return out;
  }

  /** Restores what `saveState` returned into this freshly built team. */
  async loadState(states: Readonly<Record<string, AgentState>>): Promise<void> {
    for (const [id, agent] of Object.entries(this.members)) {
      if (!Object.hasOwn(states, id)) throw new Error(`checkpoint has no state for agent id '${id}'`);
      await agent.loadState!(new StateReader(states[id]));
    }
  }

  onEpisodeEnd(): void {
    for (const a of Object.values(this.members)) a.onEpisodeEnd?.();
  }

  dispose(): void {
    for (const a of Object.values(this.members)) a.dispose();
  }
}

/**
 * An agent that can run its own `update()` and its peers' in one pass (one entry per agent,
 * itself first), each getting what its own `update()` would return. Peers it cannot batch
 * with it updates one by one.
 */
export interface GroupUpdatable extends Agent {
  updateGroup(peers: readonly Agent[]): (UpdateInfo | undefined)[];
}

function isGroupUpdatable(a: Agent | undefined): a is GroupUpdatable {
  return typeof (a as Partial<GroupUpdatable> | undefined)?.updateGroup === 'function';
}

/** An agent id as one path segment ('bs/0' -> 'bs_0'). */
function safeSegment(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
