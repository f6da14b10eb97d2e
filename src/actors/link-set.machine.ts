import { emit, setup } from 'xstate';
import type { KernelEvent, PhaseTick } from '../events/index.ts';
import { fadingPowerInto, resetGaussMarkovLinks, stepGaussMarkovLinks, type GaussMarkovState } from '../models/channel/gaussMarkov.ts';
import { RootRandom, type RandomStream } from '../random/index.ts';
import type { Emitted } from './system.ts';

/** Input of a fading link set. */
export interface LinkSetInput {
  /** Number of links N (link i belongs to user i). */
  readonly links: number;
  /** Gauss-Markov correlation per slot, in [-1, 1] (e.g. `jakesCorrelation(f_d, L)`). */
  readonly rho: number;
  /** Stream name of link i is `${streamPrefix}${i}` under the episode seed (default `channel/u`). */
  readonly streamPrefix?: string;
}

export interface LinkSetContext {
  readonly links: number;
  readonly rho: number;
  readonly streamPrefix: string;
  /** Complex fading of every link, evolved in place. */
  readonly state: GaussMarkovState;
  /** |g_i|^2 after the last step, updated in place. */
  readonly power: Float64Array;
  rngs: RandomStream[];
}

type LinkSetEvent = KernelEvent<'episode.started'> | PhaseTick;

/**
 * N small-scale fading links in one actor (kit): first-order complex Gauss-Markov processes
 * `g = rho g + sqrt(1 - rho^2) e` (003 eq. 17) over typed arrays, updated in place. Link i
 * draws from its own stream `channel/u<i>` of the episode seed, so adding a link never
 * changes another link's draws, and each link matches a one-link process on that stream bit
 * for bit. Every `channel` tick it emits ONE `channel.evolved` with all |g|^2 values: the
 * actor that needs every link (a base station) gets one event per slot, not one per link.
 */
export const linkSetMachine = setup({
  types: {
    context: {} as LinkSetContext,
    events: {} as LinkSetEvent,
    input: {} as LinkSetInput,
    emitted: {} as Emitted,
  },
}).createMachine({
  id: 'link-set',
  context: ({ input }) => {
    if (!Number.isInteger(input.links) || input.links < 0) throw new RangeError(`link set: links must be a non-negative integer, got ${input.links}`);
    if (!(input.rho >= -1 && input.rho <= 1)) throw new RangeError(`link set: rho must be in [-1, 1], got ${input.rho}`);
    return {
      links: input.links,
      rho: input.rho,
      streamPrefix: input.streamPrefix ?? 'channel/u',
      state: { re: new Float64Array(input.links), im: new Float64Array(input.links) },
      power: new Float64Array(input.links),
      rngs: [],
    };
  },
  on: {
    'episode.started': {
      actions: ({ context, event }) => {
        const root = new RootRandom(event.payload.seed);
        context.rngs = Array.from({ length: context.links }, (_, i) => root.stream(`${context.streamPrefix}${i}`));
        resetGaussMarkovLinks(context.state, context.rngs);
      },
    },
    tick: {
      guard: ({ event }) => event.phase === 'channel',
      actions: emit(({ context, event }): Emitted => {
        stepGaussMarkovLinks(context.state, context.rho, context.rngs);
        fadingPowerInto(context.state, context.power);
        return { type: 'channel.evolved', payload: { slot: event.slot, fading: Array.from(context.power) } };
      }),
    },
  },
});

