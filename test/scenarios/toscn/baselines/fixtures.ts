import { box } from '../../../../src/agents/common/spaces.ts';
import type { AgentEnvSpec } from '../../../../src/agents/agent.ts';
import { toscnActionSpace, toscnObservationSize } from '../../../../src/scenarios/toscn/logic.ts';
import { resolveToscn, type ToscnParams } from '../../../../src/scenarios/toscn/params.ts';
import { ToscnScenarioSchema } from '../../../../src/scenarios/toscn/schema.ts';

/** Resolved toscn parameters: the schema defaults with `overrides` merged in (as a scenario file would). */
export function toscnParams(overrides: Record<string, unknown> = {}): ToscnParams {
  return resolveToscn(ToscnScenarioSchema.parse({ scenario: 'toscn', ...overrides }));
}

/** The spaces a ToscnEnv would expose, without building one. */
export function toscnSpec(p: ToscnParams): AgentEnvSpec {
  return { observationSpace: box(toscnObservationSize(p), -10, 10), actionSpace: toscnActionSpace(p) };
}
