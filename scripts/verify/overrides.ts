/**
 * `--config` support for `verify:agents`: parse a JSON object of agent config fields and
 * check, before any training, that every field is one each selected agent's config has (a
 * typo would otherwise be ignored silently and the run would measure the unchanged settings).
 */
import type { Agent } from '../../src/agents/agent.ts';
import type { AgentOverrides } from './types.ts';

/** A bad command-line value; `verify:agents` prints its message and exits with code 2. */
export class UsageError extends Error {}

export function parseOverrides(json: string | undefined): AgentOverrides {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '');
  } catch {
    throw new UsageError(`--config must be a JSON object of agent config fields, e.g. '{"learningRate":1e-3}'; got ${JSON.stringify(json ?? '')}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--config must be a JSON object of agent config fields, got ${json}`);
  }
  return value as AgentOverrides;
}

/**
 * Throw a {@link UsageError} naming any override key that the case's agent, built without
 * overrides by `makeProbe`, has no config field for. (Agents merge configs by spreading, so
 * the agent built with the overrides would carry the typo in its config too.)
 */
export function checkOverrideFields(makeProbe: () => Agent, algo: string, overrides: AgentOverrides): void {
  if (Object.keys(overrides).length === 0) return;
  const probe = makeProbe();
  const config = (probe as unknown as { config?: object }).config;
  probe.dispose();
  if (config === undefined) return;
  const unknown = Object.keys(overrides).filter((k) => !(k in config));
  if (unknown.length > 0) {
    throw new UsageError(`--config: ${algo} has no config field ${unknown.map((k) => `'${k}'`).join(', ')} (fields: ${Object.keys(config).join(', ')})`);
  }
}
