import type { RootRandom } from '../random/index.ts';
import type { ToscnParams } from '../scenario/toscn/params.ts';
import type { Agent, AgentEnvSpec } from './agent.ts';
import { Ddpg } from './rl/ddpg/ddpg.ts';
import { DDPG_TOSCN_PAPER } from './rl/ddpg/config.ts';

/** Builds an agent for a scenario; `overrides` come from the scenario's `agentConfig.<name>`. */
export type AgentFactory = (spec: AgentEnvSpec, params: ToscnParams, random: RootRandom, overrides: Record<string, unknown>) => Agent;

/** An agent semsim can run by name. */
export interface AgentEntry {
  readonly create: AgentFactory;
  /** Learns from experience (trained before evaluation). */
  readonly learns: boolean;
  readonly description: string;
  /**
   * Environments stepped in turn during training (A2C's synchronous workers, 003's A3C
   * baseline). The training budget (episodes x slots of experience) is split between them.
   */
  readonly workers?: number;
}

const registry = new Map<string, AgentEntry>([
  [
    'ddpg',
    {
      learns: true,
      description: 'DDPG with 003 Table I hyperparameters (actor 3e-4, critic 5e-4, tau 0.01, replay 150, batch 64, gamma 0.9, N(0, 0.1) noise)',
      create: (spec, _p, random, overrides) => new Ddpg(spec, { ...DDPG_TOSCN_PAPER, ...overrides }, random),
    },
  ],
]);

/** Adds an agent to the registry (for user agents and scenario-specific baselines). */
export function registerAgent(name: string, entry: AgentEntry): void {
  if (registry.has(name)) throw new Error(`agent '${name}' is already registered`);
  registry.set(name, entry);
}

export function agentEntry(name: string): AgentEntry | undefined {
  return registry.get(name);
}

export function agentNames(): string[] {
  return [...registry.keys()];
}
