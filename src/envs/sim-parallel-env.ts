import type { Action, Space } from '../agents/common/spaces.ts';
import type { Envelope, KernelEvent } from '../events/index.ts';
import { splitBreakdownKey, type AnyScenarioPlugin, type BuiltScenario } from '../scenarios/plugin.ts';
import type { TraceSink } from '../trace/index.ts';
import type { SchedulerPosition } from '../scheduler/slot-scheduler.ts';
import { checkedAction } from './action-check.ts';
import type { ParallelEnv } from './types.ts';

/** What every step reports per agent besides the reward: the slot and the scenario's metrics of the last slot. */
export type SlotInfo = { readonly slot: number } & Readonly<Record<string, number>>;

type Request = KernelEvent<'decision.requested'>['payload'];

/** Where an environment stands between episodes (see `SimParallelEnv.position`). */
export interface EnvPosition {
  readonly episode: number;
  readonly scheduler: SchedulerPosition;
  readonly clock: { episodeStart: number; nextStart: number; running: boolean };
}

/** Options of an environment adapter. */
export interface SimEnvOptions {
  /** Where every event is recorded (none if omitted). */
  readonly sink?: TraceSink;
}

/**
 * A PettingZoo-parallel-shaped environment over any scenario plug-in. `reset` runs the
 * simulation until every agent has been asked for a decision (`decision.requested`);
 * `step(actions)` answers each request with `decision.made` (after the agent's decision
 * delay) and runs until the next round of requests. Rewards are each agent's sum of
 * `reward.computed.rewards[agent]` since the last step. Episodes end by time limit: every
 * agent is truncated (never terminated), and its observation is the scenario's final state
 * (`decision.requested` with `final`), or its last observation if the scenario sends none.
 * The adapter reads events only, never an actor's context.
 */
export class SimParallelEnv implements ParallelEnv<SlotInfo> {
  readonly built: BuiltScenario;
  readonly possibleAgents: readonly string[];
  private readonly spaces = new Map<string, { observation: Space; action: Space }>();
  private episode = -1;
  private done = true;
  private pending = new Map<string, Request>();
  private observations: Record<string, Float32Array> = {};
  private readonly noMetrics: Readonly<Record<string, number>>;
  /** The metrics a scenario breaks down per entity. */
  private readonly brokenDown: ReadonlySet<string>;

  constructor(
    readonly plugin: AnyScenarioPlugin,
    readonly params: unknown,
    options: SimEnvOptions = {},
  ) {
    this.built = plugin.build(params, { sink: options.sink });
    this.possibleAgents = this.built.agents.map((a) => a.id);
    this.noMetrics = Object.fromEntries([...plugin.metrics.map((m) => [m.name, 0] as const), ['violations', 0] as const]);
    this.brokenDown = new Set(plugin.metrics.filter((m) => m.breakdown !== undefined).map((m) => m.name));
    for (const a of this.built.agents) this.spaces.set(a.id, { observation: a.observationSpace, action: a.actionSpace });
  }

  /** PettingZoo's `agents`: the live agents (all of them while an episode runs). */
  get agents(): readonly string[] {
    return this.done ? [] : this.possibleAgents;
  }

  /** Index of the current episode (counts resets). */
  get episodeIndex(): number {
    return this.episode;
  }

  /**
   * The environment's position between episodes (run checkpoints): its episode counter and its
   * simulation's clock and counters. Everything else an episode uses is rebuilt from its seed
   * at `reset` (actors reseed their streams from `episode.started`), so a fresh environment
   * given this position runs the next episodes exactly as this one would.
   */
  position(): EnvPosition {
    if (!this.done) throw new Error(`${this.plugin.kind}: position() is only defined between episodes`);
    return { episode: this.episode, scheduler: this.sim.scheduler.position(), clock: this.sim.clock.position() };
  }

  restorePosition(p: EnvPosition): void {
    this.episode = p.episode;
    this.done = true;
    this.pending = new Map();
    this.sim.scheduler.restorePosition(p.scheduler);
    this.sim.clock.restorePosition(p.clock);
  }

  get sim() {
    return this.built.sim;
  }

  observationSpace(agent: string): Space {
    return this.spaceOf(agent).observation;
  }

  actionSpace(agent: string): Space {
    return this.spaceOf(agent).action;
  }

  reset(options: { seed?: number } = {}): { observations: Record<string, Float32Array>; infos: Record<string, SlotInfo> } {
    const { scheduler, clock, system } = this.built.sim;
    // A failed episode (an actor threw) does not outlive it: its failed actors start afresh.
    system.recover();
    // Whatever is still queued (late decisions, an abandoned episode) belongs to the old episode.
    scheduler.clearQueue();
    this.episode++;
    this.done = true;
    clock.startEpisode(this.episode, options.seed ?? this.episode);
    const round = this.runRound();
    if (round.ended) throw new Error(`${this.plugin.kind}: the episode ended before every agent was asked for a decision`);
    this.done = false;
    const slot = this.pending.values().next().value!.slot;
    return { observations: this.observations, infos: this.perAgent(() => ({ slot })) };
  }

  step(actions: Readonly<Record<string, Action>>) {
    if (this.done) throw new Error(`${this.plugin.kind}: step() called on a finished episode; call reset() first`);
    // Check every action before any is applied: a bad one leaves the episode as it was.
    const checked = this.possibleAgents.map((id) => {
      if (!Object.hasOwn(actions, id)) throw new TypeError(`${this.plugin.kind}: step() needs an action for agent '${id}'`);
      return checkedAction(this.actionSpace(id), actions[id], `${this.plugin.kind} agent '${id}'`);
    });
    const { scheduler } = this.built.sim;
    for (const [i, id] of this.possibleAgents.entries()) {
      const request = this.pending.get(id)!;
      scheduler.emitAt(
        id,
        { type: 'decision.made', payload: { episode: this.episode, forSlot: request.slot, agent: id, action: checked[i], fallback: false } },
        this.built.arrival(id, request.slot),
      );
    }
    const round = this.runRound();
    if (round.ended) this.done = true;
    // A round without a reward (a report still in flight) still has every key: the declared metrics and violations, 0.
    // Per-entity breakdowns (`<metric>/<entity>`, an episode's last slot) stay out, so info keys are stable.
    const info = { slot: round.slot, ...this.noMetrics, ...withoutBreakdowns(round.metrics, this.brokenDown) } as SlotInfo;
    return {
      observations: this.observations,
      rewards: this.perAgent((id) => round.rewards[id] ?? 0),
      terminations: this.perAgent(() => false),
      truncations: this.perAgent(() => round.ended),
      infos: this.perAgent(() => info),
    };
  }

  /**
   * Runs until every agent has an open request, or the episode has ended (then until the
   * final requests of that instant are in). Sums rewards on the way.
   */
  private runRound(): { ended: boolean; rewards: Record<string, number>; metrics: Record<string, number>; slot: number } {
    const n = this.possibleAgents.length;
    const rewards: Record<string, number> = {};
    let metrics: Record<string, number> = {};
    let slot = -1;
    let ended = false;
    const finals = new Map<string, Request>();
    this.pending = new Map();
    const collect = (e: Envelope): boolean => {
      const event = e.event as KernelEvent;
      if (event.type === 'reward.computed') {
        for (const [id, r] of Object.entries(event.payload.rewards)) rewards[id] = (rewards[id] ?? 0) + r;
        metrics = event.payload.metrics;
        slot = event.payload.slot;
      } else if (event.type === 'decision.requested' && event.payload.episode === this.episode) {
        (event.payload.final ? finals : this.pending).set(event.payload.agent, event.payload);
        return ended ? finals.size === n : this.pending.size === n;
      } else if (event.type === 'episode.ended') {
        ended = true;
        return true;
      }
      return false;
    };
    const { scheduler, system } = this.built.sim;
    scheduler.run({ predicate: collect });
    if (ended && finals.size < n) scheduler.run({ time: scheduler.now(), predicate: collect });
    // The last slot may still hold timed events inside it (packets delivered before its end): run them now.
    if (ended) scheduler.run({ before: this.built.sim.clock.slotTime(this.built.sim.clock.config.slotsPerEpisode) });
    system.assertHealthy();
    // A fresh record each round: callers keep the previous one as the transition's `observation`.
    const observations = { ...this.observations };
    for (const [id, r] of ended ? finals : this.pending) observations[id] = Float32Array.from(r.observation);
    this.observations = observations;
    return { ended, rewards, metrics, slot };
  }

  private perAgent<T>(f: (id: string) => T): Record<string, T> {
    const out: Record<string, T> = {};
    for (const id of this.possibleAgents) out[id] = f(id);
    return out;
  }

  private spaceOf(agent: string): { observation: Space; action: Space } {
    const s = this.spaces.get(agent);
    if (!s) throw new RangeError(`${this.plugin.kind}: no agent '${agent}' (agents: ${this.possibleAgents.join(', ')})`);
    return s;
  }
}

/** The slot's metrics without the `<metric>/<entity>` keys of broken-down metrics. */
function withoutBreakdowns(metrics: Readonly<Record<string, number>>, brokenDown: ReadonlySet<string>): Readonly<Record<string, number>> {
  if (!brokenDown.size) return metrics;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics)) {
    const split = splitBreakdownKey(k);
    if (!split || !brokenDown.has(split.metric)) out[k] = v;
  }
  return out;
}
