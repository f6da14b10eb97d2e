import { box } from '../../../src/agents/common/spaces';
import type { AgentEnvSpec } from '../../../src/agents/agent';
import { toscnActionSpace, toscnObservationSize } from '../../../src/scenario/toscn/logic';
import { resolveToscn, type ToscnParams } from '../../../src/scenario/toscn/params';
import { ToscnScenarioSchema } from '../../../src/scenario/toscn/schema';

/** Resolved toscn parameters: the schema defaults with `overrides` merged in (as a scenario file would). */
export function toscnParams(overrides: Record<string, unknown> = {}): ToscnParams {
  return resolveToscn(ToscnScenarioSchema.parse({ scenario: 'toscn', ...overrides }));
}

/** The spaces a ToscnEnv would expose, without building one. */
export function toscnSpec(p: ToscnParams): AgentEnvSpec {
  return { observationSpace: box(toscnObservationSize(p), -10, 10), actionSpace: toscnActionSpace(p) };
}
