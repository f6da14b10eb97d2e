import { emit, setup } from 'xstate';
import type { SimEvent } from '../events/index.ts';
import { assertFiniteVector } from '../models/projection/index.ts';
import type { Emitted } from './system.ts';

/** Input of the agent host: the policy it consults and how late its answers arrive. */
export interface AgentHostInput {
  /** Maps an observation to a raw action (an `Agent.act` bound to explore/evaluate mode). */
  readonly policy: (observation: Float32Array) => ArrayLike<number>;
  /** Absolute time at which the answer to the request of `slot` arrives (decision delay). */
  readonly arrival: (slot: number) => number;
}

/**
 * Hosts an agent in the simulation: answers `decision.requested` with `decision.made`,
 * after the decision delay. A non-finite action is rejected here with an error naming its index,
 * so it never enters the trace.
 */
export const agentHostMachine = setup({
  types: {
    context: {} as AgentHostInput,
    events: {} as SimEvent<'decision.requested'>,
    input: {} as AgentHostInput,
    emitted: {} as Emitted,
  },
}).createMachine({
  id: 'agent-host',
  context: ({ input }) => input,
  on: {
    'decision.requested': {
      actions: emit(({ context, event }): Emitted => {
        const action = Array.from(context.policy(Float32Array.from(event.payload.observation)));
        assertFiniteVector(action, 'agent action');
        return {
          type: 'decision.made',
          payload: { episode: event.payload.episode, forSlot: event.payload.slot, action, fallback: false },
          at: context.arrival(event.payload.slot),
        };
      }),
    },
  },
});
