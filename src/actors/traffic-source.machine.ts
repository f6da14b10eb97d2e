import { enqueueActions, setup } from 'xstate';
import type { KernelEvent, PhaseTick } from '../events/index.ts';
import { checkOnOff, initialOnOff, stepOnOff, type TrafficModel } from '../models/traffic/index.ts';
import { RootRandom, type RandomStream } from '../random/index.ts';
import type { Emitted } from './system.ts';

/** Input of a traffic source. */
export interface TrafficSourceInput {
  /** Number of users U; user i's arrivals go to its buffer as `traffic.arrived {user: i}`. */
  readonly users: number;
  /** Arrival process of every user (Poisson or on/off). */
  readonly model: TrafficModel;
  /** Stream name of user i is `${streamPrefix}${i}` under the episode seed (default `traffic/u`). */
  readonly streamPrefix?: string;
  /**
   * Slot length L: give it to place each slot's arrivals at their own instants in [0, L)
   * (`traffic.arrived.offsets`, from the streams `arrival-time/u<i>`, so the counts stay those
   * of `traffic/u<i>`). Given N arrivals in a slot, a Poisson process's instants are N sorted
   * uniform draws; the on/off source is Poisson within a slot, so the same holds. Omit it for
   * slot-start arrivals (no offsets).
   */
  readonly spreadOver?: number;
}

export interface TrafficSourceContext {
  readonly users: number;
  readonly model: TrafficModel;
  readonly streamPrefix: string;
  rngs: RandomStream[];
  timeRngs: RandomStream[];
  readonly spreadOver: number | undefined;
  /** On/off state of every user (1 = on); unused for Poisson. */
  readonly on: Uint8Array;
}

type TrafficSourceEvent = KernelEvent<'episode.started'> | PhaseTick;

/** Draws one slot of arrivals for user `u` (advancing its on/off state in place). */
function draw(context: TrafficSourceContext, u: number): number {
  const m = context.model;
  if (m.model === 'poisson') return context.rngs[u].poisson(m.meanPacketsPerSlot);
  const r = stepOnOff(m, context.on[u] === 1, context.rngs[u]);
  context.on[u] = r.on ? 1 : 0;
  return r.packets;
}

/** `n` sorted uniform instants in [0, length): the arrival times of a slot given its count. */
export function instantsIn(rng: RandomStream, n: number, length: number): number[] {
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) out[k] = rng.uniform() * length;
  return out.sort((a, b) => a - b);
}

/**
 * The packet arrivals of U users in one actor (kit): every `traffic` tick draws each user's
 * count from the pure samplers of `models/traffic` and emits `traffic.arrived {user, packets}`
 * per user, in user order. User i draws only from its stream `traffic/u<i>` of the episode
 * seed, so adding a user never changes another user's arrivals. Route each event to its own
 * buffer with `accepts` (per-device traffic stays with the device's own actors).
 */
export const trafficSourceMachine = setup({
  types: {
    context: {} as TrafficSourceContext,
    events: {} as TrafficSourceEvent,
    input: {} as TrafficSourceInput,
    emitted: {} as Emitted,
  },
}).createMachine({
  id: 'traffic-source',
  context: ({ input }) => {
    if (!Number.isInteger(input.users) || input.users < 0) throw new RangeError(`traffic source: users must be a non-negative integer, got ${input.users}`);
    if (input.model.model === 'onoff') checkOnOff(input.model);
    else if (!(input.model.meanPacketsPerSlot >= 0)) throw new RangeError(`traffic source: meanPacketsPerSlot must be >= 0, got ${input.model.meanPacketsPerSlot}`);
    if (input.spreadOver !== undefined && !(input.spreadOver > 0 && Number.isFinite(input.spreadOver))) throw new RangeError(`traffic source: spreadOver must be finite and > 0, got ${input.spreadOver}`);
    return { users: input.users, model: input.model, streamPrefix: input.streamPrefix ?? 'traffic/u', rngs: [], timeRngs: [], spreadOver: input.spreadOver, on: new Uint8Array(input.users) };
  },
  on: {
    'episode.started': {
      actions: ({ context, event }) => {
        const root = new RootRandom(event.payload.seed);
        context.rngs = Array.from({ length: context.users }, (_, i) => root.stream(`${context.streamPrefix}${i}`));
        if (context.spreadOver !== undefined) context.timeRngs = Array.from({ length: context.users }, (_, i) => root.stream(`arrival-time/u${i}`));
        const m = context.model;
        if (m.model === 'onoff') for (let u = 0; u < context.users; u++) context.on[u] = initialOnOff(m, context.rngs[u]) ? 1 : 0;
      },
    },
    tick: {
      guard: ({ event }) => event.phase === 'traffic',
      actions: enqueueActions(({ context, enqueue }) => {
        for (let u = 0; u < context.users; u++) {
          const packets = draw(context, u);
          const payload = context.spreadOver === undefined ? { user: u, packets } : { user: u, packets, offsets: instantsIn(context.timeRngs[u], packets, context.spreadOver) };
          enqueue.emit({ type: 'traffic.arrived', payload } as Emitted);
        }
      }),
    },
  },
});
