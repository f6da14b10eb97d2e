import { z } from 'zod';
import { ToscnScenarioSchema } from './toscn/schema.ts';

/**
 * Every scenario kind semsim can run, keyed by the `scenario:` field of a scenario file.
 * Adding a scenario = a schema here plus a runner in `src/run/`.
 */
export const SCENARIO_SCHEMAS = {
  toscn: ToscnScenarioSchema,
} as const;

export type ScenarioKind = keyof typeof SCENARIO_SCHEMAS;

/** The union of all scenario files, discriminated by `scenario`. */
export const ScenarioSchema = z.discriminatedUnion('scenario', [ToscnScenarioSchema]);
export type Scenario = z.infer<typeof ScenarioSchema>;

/** One-line descriptions for `semsim list`. */
export const SCENARIO_DESCRIPTIONS: Record<ScenarioKind, string> = {
  toscn: 'Task-oriented semantic communication with device buffers, DDPG (paper 003, SPEC section 1)',
};
