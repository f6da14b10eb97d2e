import { emit, setup } from 'xstate';
import type { ToscnEventOf } from './events.ts';
import { dropInCell, drawShadowingDb, largeScaleGain } from '../../models/channel/index.ts';
import { taskAccuracy } from '../../models/semantic/accuracy.ts';
import { compressedPacketBits } from '../../models/semantic/buffer.ts';
import { RootRandom } from '../../random/index.ts';
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
}

type DeviceEvent = ToscnEventOf<'episode.started' | 'decision.applied'>;

/**
 * An intelligent device of the toscn uplink (003 Section II): it owns its position, task and
 * semantic encoder. At each episode start it draws its position and task (`placement/u<i>`,
 * `task/u<i>`, `shadowing/u<i>`, so adding a device never changes another's draws) and emits
 * `task.assigned` with its large-scale gain; on `decision.applied` it encodes with its
 * compression ratio (emits `codec.inferred`: packet size and task accuracy, 003 eqs. 12, 21).
 * Its fading is one link of the kit's link set, its arrivals one user of the kit's traffic
 * source, its queue the kit's buffer `buffer/<u>`.
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
  context: ({ input }) => ({ user: input.user, params: input.params, task: 0, distance: input.params.cellRadius, largeScale: 0 }),
  on: {
    'episode.started': {
      actions: [
        ({ context, event }) => {
          const u = context.user;
          const p = context.params;
          // A fixed layout keeps the episode-0 drop: placement and tasks draw from the run's first seed only.
          const layoutRoot = p.redrawEachEpisode ? new RootRandom(event.payload.seed) : new RootRandom(0);
          const [x, y] = dropInCell(layoutRoot.stream(`placement/u${u}`), { radius: metre(p.cellRadius), minDistance: metre(p.minDistance) });
          const distance = Math.hypot(x, y);
          const task = layoutRoot.stream(`task/u${u}`).int(p.tasks.length);
          const pathLoss = db(p.pathLossIntercept + p.pathLossSlope * Math.log10(distance / 1000));
          const shadow = drawShadowingDb(layoutRoot.stream(`shadowing/u${u}`), p.shadowingStdDb);
          context.task = task;
          context.distance = distance;
          context.largeScale = p.antennaGain * largeScaleGain(pathLoss, shadow);
        },
        emit(({ context }): Emitted => ({
          type: 'task.assigned',
          payload: { user: context.user, task: context.task, distance: context.distance, largeScale: context.largeScale },
        })),
        // The kit buffer tags this device's packets with its task.
        emit(({ context }): Emitted => ({ type: 'traffic.classified', payload: { user: context.user, task: context.task } })),
      ],
    },
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
