import { defineScenario } from '../plugin.ts';
import { SCQOS_AGENTS } from './agents.ts';
import { buildScqos } from './build.ts';
import { SCQOS_CATALOGUE, SCQOS_PHASES } from './events.ts';
import { SCQOS_METRICS } from './metrics.ts';
import { resolveScqos, type ScqosParams } from './params.ts';
import { scqosReport } from './report.ts';
import { ScqosScenarioSchema, type ScqosScenario } from './schema.ts';

/** The scqos plug-in: SBQ semantic downlink with a hybrid action, hybrid SAC (paper 001, SPEC section 3). */
export const scqosPlugin = defineScenario<ScqosScenario, ScqosParams>({
  kind: 'scqos',
  description: 'SBQ semantic downlink: beams, bandwidth, subchannels and SBQ bits per user, effective SC-QoS reward, hybrid SAC (paper 001, SPEC section 3)',
  schema: ScqosScenarioSchema,
  events: SCQOS_CATALOGUE,
  phases: SCQOS_PHASES,
  resolve: resolveScqos,
  build: buildScqos,
  agents: SCQOS_AGENTS,
  metrics: SCQOS_METRICS,
  report: scqosReport,
});

export { ScqosScenarioSchema, type ScqosScenario } from './schema.ts';
export { resolveScqos, type ScqosParams } from './params.ts';
