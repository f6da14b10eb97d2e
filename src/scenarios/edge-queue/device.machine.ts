import { assign, emit, setup } from 'xstate';
import type { Emitted } from '../../actors/system.ts';
import { RootRandom, type RandomStream } from '../../random/index.ts';
import type { EdgeEvent } from './events.ts';

/**
 * A device's packet source (input: its index and lambda). At each `traffic` tick it emits
 * Poisson(lambda) arrivals for its buffer, drawn from its own stream (`traffic/d<k>` under the
 * episode seed), so adding a device never changes another's draws. A kit traffic source can
 * replace it.
 */
export const deviceMachine = setup({
  types: { context: {} as { user: number; mean: number; rng: RandomStream | null }, events: {} as EdgeEvent<'episode.started'>, input: {} as { user: number; mean: number }, emitted: {} as Emitted },
}).createMachine({
  id: 'edge-device',
  context: ({ input }) => ({ ...input, rng: null }),
  on: {
    'episode.started': { actions: assign(({ context, event }) => ({ rng: new RootRandom(event.payload.seed).stream(`traffic/d${context.user}`) })) },
    tick: { actions: emit(({ context: c }): Emitted => ({ type: 'traffic.arrived', payload: { user: c.user, packets: c.rng!.poisson(c.mean) } })) },
  },
});
