import { assign, emit, enqueueActions, setup } from 'xstate';
import type { Emitted } from '../../actors/system.ts';
import { RootRandom, type RandomStream } from '../../random/index.ts';
import { deviceId, type EdgeEvent } from './events.ts';
import { deviceObservation, deviceReward, shareService } from './logic.ts';
import type { EdgeQueueParams } from './schema.ts';

const initial = ({ input: { params } }: { input: { params: EdgeQueueParams } }) => ({
  params,
  ids: Array.from({ length: params.devices }, (_, k) => deviceId(k)),
  episode: -1,
  service: null as RandomStream | null,
  /** Packets the server can complete this slot (the last slot's until the `service` tick). */
  capacity: 0,
  /** Packets the buffers dropped since the last `reward` tick. */
  dropped: 0,
  /** Per device, updated in place: rate level in force, queue, packets served this slot. */
  level: new Int32Array(params.devices),
  queue: new Int32Array(params.devices),
  served: new Int32Array(params.devices),
});
type ServerContext = ReturnType<typeof initial>;

/** One `decision.requested` per device: its agent sees its own queue and the server's last service. */
const requests = (c: ServerContext, slot: number, final: boolean): Emitted[] =>
  c.ids.map((agent, k) => ({ type: 'decision.requested', payload: { episode: c.episode, slot, agent, observation: deviceObservation(c.queue[k], c.capacity, c.params), final } }));
const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0);

/**
 * The edge server. It learns the queues from the kit buffers' `buffer.updated`, asks each
 * device's agent for a rate level at the `observation` tick (and once more, `final`, when the
 * episode ends), keeps each device's newest decision (level 0 until one arrives), draws its
 * service at the `service` tick, serves the offers `min(queue, level)` at the `transmission`
 * tick (the buffers remove the packets) and scores the slot at the `reward` tick.
 */
export const serverMachine = setup({
  types: { context: {} as ServerContext, events: {} as EdgeEvent<'episode.started' | 'episode.ended' | 'decision.made' | 'buffer.updated'>, input: {} as { params: EdgeQueueParams }, emitted: {} as Emitted },
}).createMachine({
  id: 'edge-server',
  context: initial,
  on: {
    'episode.started': {
      actions: [
        ({ context: c }) => c.level.fill(0),
        assign(({ event }) => ({ episode: event.payload.episode, service: new RootRandom(event.payload.seed).stream('service'), capacity: 0, dropped: 0 })),
      ],
    },
    'episode.ended': { actions: enqueueActions(({ context, event, enqueue }) => requests(context, event.payload.slots, true).forEach((e) => enqueue.emit(e))) },
    'decision.made': {
      guard: ({ context, event }) => event.payload.episode === context.episode,
      actions: ({ context: c, event: { payload: p } }) => c.level.set([Math.max(0, Math.min(c.params.levels - 1, p.action.discrete?.[0] ?? 0))], c.ids.indexOf(p.agent)),
    },
    'buffer.updated': {
      actions: [({ context: c, event: { payload: p } }) => c.queue.set([p.queue], p.user), assign(({ context, event }) => ({ dropped: context.dropped + event.payload.dropped }))],
    },
    tick: [
      { guard: ({ event }) => event.phase === 'observation', actions: enqueueActions(({ context, event, enqueue }) => requests(context, event.slot, false).forEach((e) => enqueue.emit(e))) },
      {
        guard: ({ event }) => event.phase === 'service',
        actions: [
          assign(({ context }) => ({ capacity: context.service!.poisson(context.params.servicePerSlot) })),
          emit(({ context, event }): Emitted => ({ type: 'service.drawn', payload: { slot: event.slot, capacity: context.capacity } })),
        ],
      },
      {
        guard: ({ event }) => event.phase === 'transmission',
        actions: [
          ({ context: c, event }) => c.served.set(shareService(c.capacity, Array.from(c.level, (a, k) => Math.min(a, c.queue[k])), event.slot)),
          emit(({ context: c, event }): Emitted => ({ type: 'transmission.completed', payload: { slot: event.slot, rate: Array.from(c.level), capacity: Array.from(c.level), delivered: Array.from(c.served) } })),
        ],
      },
      { guard: ({ event }) => event.phase === 'reward', actions: [emit(({ context, event }) => score(context, event.slot)), assign({ dropped: 0 })] },
    ],
  },
});

/** The slot's `reward.computed`: one reward per device, and the team totals as metrics (`EDGE_METRICS`). */
function score(c: ServerContext, slot: number): Emitted {
  const rewards = Object.fromEntries(c.ids.map((id, k) => [id, deviceReward(c.served[k], c.queue[k], c.level[k], c.params)]));
  const metrics = { reward: sum(Object.values(rewards)), served: sum(c.served), backlog: sum(c.queue), dropped: c.dropped, level: sum(c.level) / c.ids.length };
  return { type: 'reward.computed', payload: { slot, rewards, metrics } };
}
