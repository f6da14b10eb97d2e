import type { z } from 'zod';
import type { Simulation } from '../actors/simulation.ts';
import type { Agent, AgentEnvSpec } from '../agents/agent.ts';
import type { Space } from '../agents/common/spaces.ts';
import type { CataloguePart, Envelope } from '../events/index.ts';
import type { RootRandom } from '../random/index.ts';
import type { PhaseDefinition } from '../scheduler/index.ts';
import type { TraceSink } from '../trace/index.ts';
import type { FigureSpec, ReferenceLine } from '../run/figures/spec.ts';
import type { AgentSummary, EvaluatedEpisode } from '../run/pipeline.ts';
import type { TrainingEpisode } from '../run/training-log.ts';
import type { RunFile } from './shared-schema.ts';

/** One decision maker of a scenario: its id (`decision.requested.agent`) and its spaces. */
export interface AgentSlot {
  readonly id: string;
  readonly observationSpace: Space;
  readonly actionSpace: Space;
}

/** A wired simulation of a scenario, ready for an environment adapter or a run. */
export interface BuiltScenario {
  readonly sim: Simulation;
  /** The agent ids whose decisions the scenario requests, in a fixed order. */
  readonly agents: readonly AgentSlot[];
  /** When the answer to agent `agent`'s request of `slot` arrives (its decision delay). */
  arrival(agent: string, slot: number): number;
}

/** What `build` gets besides the resolved parameters. */
export interface BuildOptions {
  readonly sink?: TraceSink;
}

/** What an agent factory gets. */
export interface AgentContext<P> {
  readonly spec: AgentEnvSpec;
  readonly params: P;
  /** The agent's own random root (seeded from the run's). */
  readonly random: RootRandom;
  /** `agentConfig.<name>` from the scenario file; keys already checked against `config`. */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** The agent id this instance acts for (a team has one instance per id). */
  readonly agentId: string;
}

/** An agent a scenario can run by name (`agents:` in its file, `--agent`). */
export interface AgentEntry<P = unknown> {
  readonly description: string;
  /** Learns from experience (trained before evaluation). */
  readonly learns: boolean;
  /**
   * Environments stepped in turn during training (A2C's synchronous workers). The training
   * budget (episodes of experience) is split between them.
   */
  readonly workers?: number;
  /** The policy ignores its observation by design (e.g. a constant action): no state-independence warning. */
  readonly stateIndependent?: boolean;
  /**
   * The agent's config object with its defaults: `agentConfig.<name>` may only set these
   * keys (an unknown key is rejected with its field path). Omit for an agent without config.
   */
  readonly config?: object;
  /**
   * The schema `config` merged with `agentConfig.<name>` must pass (strict: unknown keys are
   * errors; value ranges), checked by the loader before anything runs. Required with `config`.
   */
  readonly configSchema?: z.ZodType;
  /**
   * The reward this agent learns from, when it is not the scenario's: a function of the
   * environment's reward for the step and the step's info (the scenario's metrics of the slot
   * scored in the step). Omit to learn from the reward (every scenario agent so far except
   * multicell-ee's `dqn-no-energy`, which learns the sum of QoE). Runs still report the
   * scenario's reward for every agent.
   */
  readonly learningReward?: (reward: number, info: Readonly<Record<string, number>>) => number;
  create(context: AgentContext<P>): Agent;
}

/**
 * How a per-slot metric becomes an episode value: summed, averaged over slots, or the value
 * of the last slot that reported it (an episode statistic the scenario computes itself, e.g.
 * a delay percentile).
 */
export type MetricAggregate = 'sum' | 'mean' | 'last';

/**
 * A metric the scenario reports: a key of `reward.computed.metrics`, aggregated over an
 * episode's slots, then averaged over evaluation episodes per seed (intervals over seeds).
 */
export interface MetricSpec {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly perEpisode: MetricAggregate;
  /**
   * The kind of entity (e.g. `device`) the scenario also reports this metric for, one by one:
   * its `reward.computed.metrics` then carries `<name>/<entity>` keys beside `<name>` (e.g.
   * `delayP95/device 1`), aggregated the same way and summarised per entity in summary.json
   * (`breakdowns`) and report.md. The entity keys may differ between runs (device counts).
   */
  readonly breakdown?: string;
  /**
   * Which direction is better, where there is one (`lower` for a delay or a loss): the report's
   * reading then names the best agent on this metric. Left out for a quantity that is a choice or
   * a trade-off (a power level, bits per feature): the reading names the largest.
   */
  readonly better?: 'higher' | 'lower';
}

/** A `<metric>/<entity>` key of a broken-down metric, split; `undefined` for a plain key. */
export function splitBreakdownKey(key: string): { readonly metric: string; readonly entity: string } | undefined {
  const cut = key.indexOf('/');
  return cut < 0 ? undefined : { metric: key.slice(0, cut), entity: key.slice(cut + 1) };
}

/** "device 2" before "device 10": the order entities are reported in. */
export const byNaturalOrder = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** What a report section gets: the run's result, per agent (agents in run order). */
export interface ReportContext<P> {
  readonly params: P;
  /** Every event of each agent's first evaluation episode (for timelines and queue plots). */
  readonly firstEpisode: Readonly<Record<string, readonly Envelope[]>>;
  /** Evaluation intervals of every declared metric. */
  readonly agents: Readonly<Record<string, AgentSummary>>;
  /** Every evaluation episode's per-slot metrics (bands across seeds, box plots). */
  readonly evaluation: Readonly<Record<string, readonly EvaluatedEpisode[]>>;
  /** How often each discrete choice was taken in evaluation: per agent id, per component, per choice. */
  readonly actionCounts: Readonly<Record<string, Readonly<Record<string, readonly (readonly number[])[]>>>>;
  /** Learning agents' training episodes (return, losses, schedule, metrics). */
  readonly training: Readonly<Record<string, readonly TrainingEpisode[]>>;
}

/**
 * A part of the run report a scenario adds: markdown, figures (rendered to `<file>.svg` with
 * their data as `<file>.csv`, linked from the markdown and inlined in `report.html`), other
 * files by name, and reference lines for the generic per-metric charts (e.g. toscn's A_min on
 * `accuracy`).
 */
export interface ReportSection {
  readonly markdown: string;
  readonly figures?: readonly FigureSpec[];
  readonly files?: Readonly<Record<string, string>>;
  readonly metricReferences?: Readonly<Record<string, readonly ReferenceLine[]>>;
}

/**
 * A scenario plug-in: everything semsim needs to validate, build, run and report one kind of
 * scenario. Built-in plug-ins live in `src/scenarios/<kind>/` and are listed in
 * `src/scenarios/registry.ts`; a user's own plug-in is the same object, registered with
 * `registerScenario`.
 */
export interface ScenarioPlugin<F extends RunFile = RunFile, P = unknown> {
  /** The `scenario:` value of its files. */
  readonly kind: string;
  /** One line for `semsim list`. */
  readonly description: string;
  /** The file schema (zod), including the shared run fragment (`runFileShape`). */
  readonly schema: z.ZodType<F>;
  /** Its event catalogue parts (registered on every simulation it builds). */
  readonly events: readonly CataloguePart[];
  /** Phases it adds between the built-in ones. */
  readonly phases?: readonly PhaseDefinition[];
  /** File -> parameters in SI units. */
  resolve(file: F): P;
  /** Wires the actors of one simulation. */
  build(params: P, options?: BuildOptions): BuiltScenario;
  /** Agents by name, baselines included. */
  readonly agents: Readonly<Record<string, AgentEntry<P>>>;
  /** The metrics its `reward.computed` carries; `reward` must be one of them. */
  readonly metrics: readonly MetricSpec[];
  /** Optional report sections (plots, tables) beside the generic ones. */
  report?(context: ReportContext<P>): ReportSection[];
}

/** A plug-in of any file and parameter type (what the registry holds). */
export type AnyScenarioPlugin = ScenarioPlugin<any, any>;

/** Identity with type inference, for defining a plug-in. */
export function defineScenario<F extends RunFile, P>(plugin: ScenarioPlugin<F, P>): ScenarioPlugin<F, P> {
  return plugin;
}
