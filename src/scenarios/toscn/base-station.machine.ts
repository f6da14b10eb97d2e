import { emit, setup } from 'xstate';
import type { AnyEvent } from '../../events/index.ts';
import type { PhaseTick, ToscnEventOf } from './events.ts';
import type { ToscnParams } from './params.ts';
import { buildObservation, fallbackAllocation, linkCapacities } from './logic.ts';
import type { Emitted } from '../../actors/system.ts';

/** Input of the base station (edge server) actor. */
export interface BaseStationInput {
  readonly params: ToscnParams;
}

/** What the base station knows about each device, gathered from events only; typed arrays updated in place. */
export interface BaseStationContext {
  readonly params: ToscnParams;
  readonly tasks: Int32Array;
  /** Large-scale gain alpha per device (from `task.assigned`). */
  readonly largeScale: Float64Array;
  /** Total gain alpha |g|^2 per device. */
  readonly gains: Float64Array;
  readonly queues: Float64Array;
  readonly packetBits: Float64Array;
  readonly bandwidth: Float64Array;
  readonly power: Float64Array;
}

type Heard = ToscnEventOf<'task.assigned' | 'channel.evolved' | 'buffer.updated' | 'codec.inferred' | 'decision.applied'>;
type BaseStationEvent = Heard | ToscnEventOf<'episode.ended'> | PhaseTick;

/** Folds one heard event into the context (in place). */
function take(c: BaseStationContext, e: Heard): void {
  switch (e.type) {
    case 'task.assigned':
      c.tasks[e.payload.user] = e.payload.task;
      c.largeScale[e.payload.user] = e.payload.largeScale;
      return;
    case 'channel.evolved':
      for (let u = 0; u < c.gains.length; u++) c.gains[u] = c.largeScale[u] * e.payload.fading[u];
      return;
    case 'buffer.updated':
      c.queues[e.payload.user] = e.payload.queue;
      return;
    case 'codec.inferred':
      c.packetBits[e.payload.user] = e.payload.packetBits;
      return;
    case 'decision.applied':
      c.bandwidth.set(e.payload.applied.bandwidth);
      c.power.set(e.payload.applied.power);
      return;
  }
}

function drain(c: BaseStationContext, tick: PhaseTick): void {
  if (tick.inbox) for (const e of tick.inbox as readonly AnyEvent[]) take(c, e as Heard);
}

/**
 * The micro base station / edge server of toscn (003 Section II). It learns the devices'
 * tasks, large-scale gains, fading, queues and packet sizes from their events (batched: wire
 * them as its inbox, one send per phase); at the `observation` tick it publishes the state
 * (003 eq. 35; again after the episode's last slot, marked final), at the `transmission`
 * tick it computes rates and delivered packets (003 eqs. 13-14, 19) for the allocation the
 * controller applied, and takes the delivered packets off its view of the queues.
 */
export const baseStationMachine = setup({
  types: {
    context: {} as BaseStationContext,
    events: {} as BaseStationEvent,
    input: {} as BaseStationInput,
    emitted: {} as Emitted,
  },
}).createMachine({
  id: 'base-station',
  context: ({ input }) => {
    const D = input.params.devices;
    const fallback = fallbackAllocation(input.params);
    return {
      params: input.params,
      tasks: new Int32Array(D),
      largeScale: new Float64Array(D),
      gains: new Float64Array(D),
      queues: new Float64Array(D),
      packetBits: new Float64Array(D).fill(input.params.packetBits),
      bandwidth: Float64Array.from(fallback.bandwidth),
      power: Float64Array.from(fallback.power),
    };
  },
  on: {
    'task.assigned': { actions: ({ context, event }) => take(context, event) },
    'channel.evolved': { actions: ({ context, event }) => take(context, event) },
    'buffer.updated': { actions: ({ context, event }) => take(context, event) },
    'codec.inferred': { actions: ({ context, event }) => take(context, event) },
    'decision.applied': { actions: ({ context, event }) => take(context, event) },
    // The state after the last slot: the bootstrap observation when the episode is truncated.
    'episode.ended': { actions: emit(({ context, event }): Emitted => observationReady(context, event.payload.slots, true)) },
    tick: [
      {
        guard: ({ event }) => event.phase === 'observation',
        actions: emit(({ context, event }): Emitted => {
          drain(context, event);
          return observationReady(context, event.slot, false);
        }),
      },
      {
        guard: ({ event }) => event.phase === 'transmission',
        actions: emit(({ context, event }): Emitted => {
            drain(context, event);
            const { rate, capacity } = linkCapacities(context, context.gains, context.packetBits, context.params);
            const delivered = capacity.map((c, u) => Math.min(c, context.queues[u]));
            // eq. 19 without latencies; the buffers report what actually left (with codec and grant delays, possibly fewer).
            for (let u = 0; u < delivered.length; u++) context.queues[u] -= delivered[u];
            const packetBits = Array.from(context.packetBits);
            return { type: 'transmission.completed', payload: { slot: event.slot, rate, capacity: capacity.map(capInt), delivered, packetBits } };
          }),
      },
      { actions: ({ context, event }) => drain(context, event) },
    ],
  },
});

function observationReady(context: BaseStationContext, slot: number, final: boolean): Emitted {
  return {
    type: 'observation.ready',
    payload: {
      slot,
      final,
      observation: buildObservation(context.tasks, context.gains, context.queues, context.params),
      gain: Array.from(context.gains),
      queue: Array.from(context.queues),
      taskCounts: countTasks(context.tasks, context.params.tasks.length),
    },
  };
}

function countTasks(tasks: Int32Array, J: number): number[] {
  const n = new Array<number>(J).fill(0);
  for (const t of tasks) n[t]++;
  return n;
}

/** Capacities can be astronomically large for a strong link; clamp to a safe integer for JSON traces. */
function capInt(c: number): number {
  return Math.min(c, Number.MAX_SAFE_INTEGER);
}
