import { defineScenario } from '../plugin.ts';
import { TOSCN_AGENTS } from './agents.ts';
import { buildToscn, toscnArrival } from './build.ts';
import { TOSCN_AGENT, TOSCN_CATALOGUE } from './events.ts';
import { toscnActionSpace, toscnObservationSize } from './logic.ts';
import { TOSCN_METRICS } from './metrics.ts';
import { resolveToscn, type ToscnParams } from './params.ts';
import { toscnReport } from './report.ts';
import { ToscnScenarioSchema, type ToscnScenario } from './schema.ts';
import { box } from '../../agents/common/spaces.ts';

/** The toscn plug-in: task-oriented semantic communication with device buffers (003, SPEC section 1). */
export const toscnPlugin = defineScenario<ToscnScenario, ToscnParams>({
  kind: 'toscn',
  description: 'Task-oriented semantic communication with device buffers, DDPG (paper 003, SPEC section 1)',
  schema: ToscnScenarioSchema,
  events: TOSCN_CATALOGUE,
  resolve: resolveToscn,
  build: (params, options = {}) => {
    const sim = buildToscn(params, { sink: options.sink });
    const arrival = toscnArrival(params, sim);
    return {
      sim,
      agents: [{ id: TOSCN_AGENT, observationSpace: box(toscnObservationSize(params), -10, 10), actionSpace: toscnActionSpace(params) }],
      arrival: (_agent, slot) => arrival(slot),
    };
  },
  agents: TOSCN_AGENTS,
  metrics: TOSCN_METRICS,
  report: toscnReport,
});

export { ToscnScenarioSchema, type ToscnScenario } from './schema.ts';
export { resolveToscn, type ToscnParams } from './params.ts';
