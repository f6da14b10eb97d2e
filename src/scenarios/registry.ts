import type { AnyScenarioPlugin } from './plugin.ts';
import { edgeQueuePlugin } from './edge-queue/index.ts';
import { multicellPlugin } from './multicell-ee/index.ts';
import { scqosPlugin } from './scqos/index.ts';
import { toscnPlugin } from './toscn/index.ts';

/**
 * The scenario registry: the ONLY module that imports scenario folders (`src/scenarios/<kind>/`).
 * Kernel folders (scheduler, events, actors, models, agents, envs, run, trace, cli) reach a
 * scenario only through the plug-in objects held here.
 */
const plugins = new Map<string, AnyScenarioPlugin>([
  [toscnPlugin.kind, toscnPlugin],
  [edgeQueuePlugin.kind, edgeQueuePlugin],
  [multicellPlugin.kind, multicellPlugin],
  [scqosPlugin.kind, scqosPlugin],
]);

/** Adds a user's scenario plug-in (its `kind` must be new). */
export function registerScenario(plugin: AnyScenarioPlugin): void {
  if (!/^[a-z][a-z0-9-]*$/.test(plugin.kind)) throw new Error(`scenario kind '${plugin.kind}': use lower-case letters, digits and '-'`);
  if (plugins.has(plugin.kind)) throw new Error(`scenario kind '${plugin.kind}' is already registered`);
  if (!plugin.metrics.some((m) => m.name === 'reward')) throw new Error(`scenario '${plugin.kind}': its metrics must include 'reward'`);
  plugins.set(plugin.kind, plugin);
}

/** The plug-in of a scenario kind (own keys only), or undefined. */
export function findScenario(kind: string): AnyScenarioPlugin | undefined {
  return plugins.get(kind);
}

const BUILT_IN = new Set(plugins.keys());

/** Removes a user's plug-in registered with `registerScenario` (built-ins stay); true if it was there. */
export function unregisterScenario(kind: string): boolean {
  if (BUILT_IN.has(kind)) throw new Error(`scenario kind '${kind}' is built in and cannot be unregistered`);
  return plugins.delete(kind);
}

/** Every registered scenario kind, built-ins first. */
export function scenarioKinds(): string[] {
  return [...plugins.keys()];
}

export { toscnPlugin, multicellPlugin, edgeQueuePlugin, scqosPlugin };

/** 004's DeepSC-calibrated semantic accuracy `xi(k, SINR_dB)` (scenario multicell-ee), for the public API. */
export { semanticSimilarity } from './multicell-ee/similarity.ts';
