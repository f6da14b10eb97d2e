import { defineScenario } from '../plugin.ts';
import { MULTICELL_AGENTS } from './agents.ts';
import { buildMulticell } from './build.ts';
import { bsId, MULTICELL_CATALOGUE } from './events.ts';
import { multicellActionSpace, multicellObservationSpace } from './logic.ts';
import { MULTICELL_METRICS } from './metrics.ts';
import { resolveMulticell, type MulticellParams } from './params.ts';
import { multicellReport } from './report.ts';
import { MulticellScenarioSchema, type MulticellScenario } from './schema.ts';

/** The multicell-ee plug-in: multi-cell semantic energy efficiency, one agent per BS (004, SPEC section 2). */
export const multicellPlugin = defineScenario<MulticellScenario, MulticellParams>({
  kind: 'multicell-ee',
  description: 'Multi-cell semantic energy efficiency: power and semantic compression per BS, shared EE reward, multi-agent DRQN (paper 004, SPEC section 2)',
  schema: MulticellScenarioSchema,
  events: MULTICELL_CATALOGUE,
  resolve: resolveMulticell,
  build: (params, options = {}) => {
    const { sim, arrival } = buildMulticell(params, { sink: options.sink });
    const observationSpace = multicellObservationSpace();
    const actionSpace = multicellActionSpace(params);
    return { sim, agents: Array.from({ length: params.cells }, (_, m) => ({ id: bsId(m), observationSpace, actionSpace })), arrival };
  },
  agents: MULTICELL_AGENTS,
  metrics: MULTICELL_METRICS,
  report: multicellReport,
});

export { MulticellScenarioSchema, type MulticellScenario } from './schema.ts';
export { resolveMulticell, type MulticellParams } from './params.ts';
