import { Subscription, type SchedulerAction } from 'rxjs';

/** Anything that can queue an RxJS action on the virtual clock. */
export interface RxQueue {
  now(): number;
  queueRx(action: VirtualAction<any>, delay: number): void;
}

/**
 * An RxJS `SchedulerAction` on semsim's virtual clock. RxJS operators (`delay`, `interval`,
 * `timer`, `observeOn`) given the `SlotScheduler` queue their work here, in the same
 * total order as simulation events (phase `rx`, after every slot phase at that instant).
 */
export class VirtualAction<T> extends Subscription implements SchedulerAction<T> {
  private state: T | undefined;
  /** Bumped on every reschedule so a stale queue entry is skipped. */
  generation = 0;

  constructor(
    private readonly queue: RxQueue,
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
  ) {
    super();
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    if (!(delay >= 0) || !Number.isFinite(delay)) throw new RangeError(`rx delay must be finite and >= 0, got ${delay}`);
    this.state = state;
    this.generation++;
    this.queue.queueRx(this, delay);
    return this;
  }

  /** Runs the work if this entry is still current. */
  execute(generation: number): void {
    if (this.closed || generation !== this.generation) return;
    this.work.call(this, this.state);
  }
}
