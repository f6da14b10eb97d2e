import { emit, setup } from 'xstate';
import type { KernelEvent } from '../events/index.ts';
import type { Emitted } from './system.ts';

/** An action as a policy returns it: typed arrays from agents, plain arrays from tests and scripts. */
export interface ActionLike {
  readonly continuous?: ArrayLike<number>;
  readonly discrete?: ArrayLike<number>;
}

/** Input of the agent host: the agent id it answers for, its policy, and when answers arrive. */
export interface AgentHostInput {
  /** The agent id of the requests this host answers (`decision.requested.agent`). */
  readonly agent: string;
  /** Maps an observation to a raw action (an `Agent.act` bound to explore/evaluate mode). */
  readonly policy: (observation: Float32Array) => ActionLike;
  /** Absolute time at which the answer to the request of `slot` arrives (decision delay). */
  readonly arrival: (slot: number) => number;
}

/** Copies an action into plain arrays, rejecting non-finite entries with an error naming the index. */
export function actionPayload(action: ActionLike, what = 'agent action'): { continuous?: number[]; discrete?: number[] } {
  const out: { continuous?: number[]; discrete?: number[] } = {};
  if (action.continuous) {
    out.continuous = Array.from(action.continuous);
    out.continuous.forEach((x, i) => {
      if (!Number.isFinite(x)) throw new RangeError(`${what}: continuous[${i}] is ${x}; actions must be finite`);
    });
  }
  if (action.discrete) {
    out.discrete = Array.from(action.discrete);
    out.discrete.forEach((x, i) => {
      if (!Number.isInteger(x)) throw new RangeError(`${what}: discrete[${i}] is ${x}; expected an integer`);
    });
  }
  return out;
}

/**
 * Hosts one agent in the simulation (kit actor): answers `decision.requested` for its agent id
 * with `decision.made`, after the decision delay. A non-finite action is rejected here with an
 * error naming its index, so it never enters the trace. Final requests (the state after an
 * episode's last slot) are not answered.
 */
export const agentHostMachine = setup({
  types: {
    context: {} as AgentHostInput,
    events: {} as KernelEvent<'decision.requested'>,
    input: {} as AgentHostInput,
    emitted: {} as Emitted,
  },
}).createMachine({
  id: 'agent-host',
  context: ({ input }) => input,
  on: {
    'decision.requested': {
      guard: ({ context, event }) => event.payload.agent === context.agent && !event.payload.final,
      actions: emit(({ context, event }): Emitted => {
        const action = actionPayload(context.policy(Float32Array.from(event.payload.observation)));
        return {
          type: 'decision.made',
          payload: { episode: event.payload.episode, forSlot: event.payload.slot, agent: context.agent, action, fallback: false },
          at: context.arrival(event.payload.slot),
        };
      }),
    },
  },
});
