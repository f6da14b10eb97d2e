import { assign, emit, setup } from 'xstate';
import type { ToscnEventOf, PhaseTick } from './events.ts';
import { dropInCell, drawShadowingDb, initGaussMarkov, largeScaleGain, stepGaussMarkov, type GaussMarkovState } from '../../models/channel/index.ts';
import { taskAccuracy } from '../../models/semantic/accuracy.ts';
import { compressedPacketBits } from '../../models/semantic/buffer.ts';
import { RootRandom, type RandomStream } from '../../random/index.ts';
import { db, metre } from '../../units.ts';
import type { ToscnParams } from './params.ts';
import type { Emitted } from '../../actors/system.ts';

/** Input of a device (user) actor. */
export interface DeviceInput {
  readonly user: number;
  readonly params: ToscnParams;
}

export interface DeviceContext {
  readonly user: number;
  readonly params: ToscnParams;
  /** Task this device performs in the current episode (0-based index into `params.tasks`). */
  task: number;
  distance: number;
  /** alpha = G beta d^-phi with shadowing (003 eqs. 15-16), linear. */
  largeScale: number;
  fading: GaussMarkovState;
  channelRng: RandomStream | null;
  trafficRng: RandomStream | null;
}

type DeviceEvent = ToscnEventOf<'episode.started' | 'decision.applied'> | PhaseTick;

/**
 * An intelligent device of the toscn uplink (003 Section II): it owns its position, task,
 * fading process and packet source, each with its own random stream
 * (`placement/u<i>`, `task/u<i>`, `channel/u<i>`, `traffic/u<i>` under the episode seed), so
 * adding a device never changes another device's draws. Ticks: `channel` evolves the fading
 * (emits `channel.evolved`), `traffic` draws Poisson arrivals (emits `traffic.arrived`);
 * `decision.applied` sets the compression ratio (emits `codec.inferred`).
 */
export const deviceMachine = setup({
  types: {
    context: {} as DeviceContext,
    events: {} as DeviceEvent,
    input: {} as DeviceInput,
    emitted: {} as Emitted,
  },
}).createMachine({
  id: 'device',
  context: ({ input }) => ({
    user: input.user,
    params: input.params,
    task: 0,
    distance: input.params.cellRadius,
    largeScale: 0,
    fading: { re: new Float64Array(1), im: new Float64Array(1) },
    channelRng: null,
    trafficRng: null,
  }),
  on: {
    'episode.started': {
      actions: [
        assign(({ context, event }) => {
        const root = new RootRandom(event.payload.seed);
        const u = context.user;
        const p = context.params;
        // A fixed layout keeps the episode-0 drop: placement and tasks draw from the run's first seed only.
        const layoutRoot = p.redrawEachEpisode ? root : new RootRandom(0);
        const [x, y] = dropInCell(layoutRoot.stream(`placement/u${u}`), { radius: metre(p.cellRadius), minDistance: metre(p.minDistance) });
        const distance = Math.hypot(x, y);
        const task = layoutRoot.stream(`task/u${u}`).int(p.tasks.length);
        const pathLoss = db(p.pathLossIntercept + p.pathLossSlope * Math.log10(distance / 1000));
        const shadow = drawShadowingDb(layoutRoot.stream(`shadowing/u${u}`), p.shadowingStdDb);
        const channelRng = root.stream(`channel/u${u}`);
        return {
          task,
          distance,
          largeScale: p.antennaGain * largeScaleGain(pathLoss, shadow),
          fading: initGaussMarkov(1, channelRng),
          channelRng,
          trafficRng: root.stream(`traffic/u${u}`),
        };
      }),
        emit(({ context }): Emitted => ({
          type: 'task.assigned',
          payload: { user: context.user, task: context.task, distance: context.distance },
        })),
      ],
    },
    tick: [
      {
        guard: ({ event }) => event.phase === 'channel',
        actions: [
          ({ context }) => stepGaussMarkov(context.fading, context.params.rho, context.channelRng!),
          emit(({ context }): Emitted => {
            const fading = context.fading.re[0] ** 2 + context.fading.im[0] ** 2;
            return {
              type: 'channel.evolved',
              payload: { user: context.user, largeScale: context.largeScale, fading, gain: context.largeScale * fading },
            };
          }),
        ],
      },
      {
        guard: ({ event }) => event.phase === 'traffic',
        actions: emit(({ context }): Emitted => ({
          type: 'traffic.arrived',
          payload: { user: context.user, packets: context.trafficRng!.poisson(context.params.arrivalMean) },
        })),
      },
    ],
    'decision.applied': {
      actions: emit(({ context, event }): Emitted => {
        const eta = event.payload.applied.compression[context.user];
        const curve = context.params.tasks[context.task];
        return {
          type: 'codec.inferred',
          payload: {
            user: context.user,
            task: context.task,
            compression: eta,
            packetBits: compressedPacketBits(eta, context.params.packetBits),
            accuracy: taskAccuracy(curve, eta),
          },
        };
      }),
    },
  },
});
