import { box, type BoxSpace } from '../../agents/common/spaces.ts';
import type { Action } from '../../agents/common/spaces.ts';
import type { Envelope, PayloadOf } from '../../events/index.ts';
import { assertFiniteVector } from '../../models/projection/index.ts';
import type { Env, ResetResult, StepResult } from '../../envs/types.ts';
import type { TraceSink } from '../../trace/index.ts';
import { InputError } from '../errors.ts';
import { buildToscn, decisionArrival, type ToscnSim } from './build.ts';
import { buildObservation, toscnActionSpace, toscnObservationSize } from './logic.ts';
import type { ToscnParams } from './params.ts';
import type { BaseStationContext } from '../../actors/base-station.machine.ts';

/** What `step` reports besides the reward: the slot's metrics (payload of `reward.computed`). */
export type ToscnInfo = Partial<PayloadOf<'reward.computed'>> & { readonly slot?: number };

/**
 * Gymnasium-shaped environment over the toscn actor system. `reset` runs the simulation up
 * to the first `decision.requested`; `step(action)` answers it with `decision.made` (after the
 * scenario's decision delay) and runs to the next request, returning the reward of the slot
 * that completed. Episodes end by time limit (`truncated`), never by a terminal state.
 */
export class ToscnEnv implements Env<ToscnInfo> {
  readonly observationSpace: BoxSpace;
  readonly actionSpace: BoxSpace;
  readonly sim: ToscnSim;
  private episode = -1;
  private pendingSlot = -1;
  private lastObservation: Float32Array;
  private done = true;
  private readonly arrival: (slot: number) => number;

  constructor(
    readonly params: ToscnParams,
    options: { sink?: TraceSink } = {},
  ) {
    this.sim = buildToscn(params, { sink: options.sink });
    this.arrival = decisionArrival(params, this.sim.scheduler, this.sim.clock);
    this.observationSpace = box(toscnObservationSize(params), -10, 10);
    this.actionSpace = toscnActionSpace(params);
    this.lastObservation = new Float32Array(toscnObservationSize(params));
  }

  /** Index of the current episode (counts resets). */
  get episodeIndex(): number {
    return this.episode;
  }

  reset(options: { seed?: number } = {}): ResetResult<ToscnInfo> {
    const { scheduler, clock } = this.sim;
    // Whatever is still queued (late decisions, an abandoned episode) belongs to the old episode.
    scheduler.clearQueue();
    this.episode++;
    clock.startEpisode(this.episode, options.seed ?? this.episode);
    this.done = false;
    const { request } = this.runToRequest();
    if (!request) throw new Error('toscn: the episode ended before the first decision was requested');
    return { observation: this.lastObservation, info: { slot: request.slot } };
  }

  step(action: Action): StepResult<ToscnInfo> {
    if (this.done) throw new Error('toscn: step() called on a finished episode; call reset() first');
    const values = action.continuous;
    if (!values) throw new TypeError('toscn: the action needs a continuous part (Float32Array of length 3D)');
    if (values.length !== this.actionSpace.size) {
      throw new RangeError(`toscn: action has ${values.length} values; expected ${this.actionSpace.size} (3 x ${this.params.devices} devices)`);
    }
    try {
      assertFiniteVector(values, 'action');
    } catch (err) {
      // A NaN or infinite action is bad input from the agent: exit code 2 in the CLI.
      throw new InputError(`toscn: ${(err as Error).message}`);
    }
    this.sim.scheduler.emitAt(
      'agent',
      { type: 'decision.made', payload: { episode: this.episode, forSlot: this.pendingSlot, action: Array.from(values), fallback: false } },
      this.arrival(this.pendingSlot),
    );
    const { request, reward, info } = this.runToRequest();
    if (!request) {
      this.done = true;
      this.lastObservation = this.terminalObservation();
    }
    return { observation: this.lastObservation, reward, terminated: false, truncated: !request, info };
  }

  /** Runs until the controller asks for a decision or the episode ends; sums slot rewards. */
  private runToRequest(): { request: PayloadOf<'decision.requested'> | null; reward: number; info: ToscnInfo } {
    let request: PayloadOf<'decision.requested'> | null = null;
    let reward = 0;
    let info: ToscnInfo = {};
    const stopAt = (e: Envelope): boolean => {
      if (e.event.type === 'reward.computed') {
        reward += e.event.payload.reward;
        info = e.event.payload;
      } else if (e.event.type === 'decision.requested') {
        request = e.event.payload;
        return true;
      }
      return e.event.type === 'episode.ended';
    };
    this.sim.scheduler.run({ predicate: stopAt });
    this.sim.system.assertHealthy();
    const req = request as PayloadOf<'decision.requested'> | null;
    if (req) {
      this.pendingSlot = req.slot;
      this.lastObservation = Float32Array.from(req.observation);
    }
    return { request: req, reward, info };
  }

  /** The state after the last slot, for bootstrapping on truncation. */
  private terminalObservation(): Float32Array {
    const bs = this.sim.system.get('bs')!.getSnapshot().context as BaseStationContext;
    return Float32Array.from(buildObservation(bs.tasks, bs.gains, bs.queues, this.params));
  }
}
