import { kernelEvent, type KernelEvent } from '../events/types.ts';
import { PHASE_RANKS, type PhaseName } from './phase.ts';
import type { SlotScheduler, TickHandler } from './slot-scheduler.ts';

/** Shape of an episode on the clock. */
export interface ClockConfig {
  /** Slot length L in seconds. */
  readonly slotLength: number;
  /** Slots per episode. */
  readonly slotsPerEpisode: number;
}

/**
 * Drives episodes and slots: emits `episode.started`, then for each slot `slot.started`,
 * the phase ticks actors registered for, and `slot.ended`; then `episode.ended`. Slot `s`
 * of an episode that started at `t0` happens at `t0 + s L` (phase events of a slot share
 * its start instant and are ordered by phase rank).
 */
export class SlotClock {
  private readonly ticks = new Map<PhaseName, TickHandler[]>();
  private episodeStart = 0;
  /** Earliest start of the next episode: the end of the last slot of the previous one. */
  private nextStart = 0;
  private running = false;

  constructor(
    private readonly scheduler: SlotScheduler,
    readonly config: ClockConfig,
  ) {
    if (!(config.slotLength > 0)) throw new RangeError(`slotLength must be > 0 s, got ${config.slotLength}`);
    if (!Number.isInteger(config.slotsPerEpisode) || config.slotsPerEpisode < 1) {
      throw new RangeError(`slotsPerEpisode must be an integer >= 1, got ${config.slotsPerEpisode}`);
    }
    scheduler.on(['slot.ended'], (event) => {
      this.afterSlot((event as KernelEvent<'slot.ended'>).payload.slot);
    });
    scheduler.on(['episode.ended'], () => (this.running = false));
  }

  /** Asks for a tick at the start of `phase` in every slot. */
  onPhase(phase: PhaseName, handler: TickHandler): void {
    const list = this.ticks.get(phase);
    if (list) list.push(handler);
    else this.ticks.set(phase, [handler]);
  }

  /**
   * Absolute time of slot `slot` of the current episode, `t0 + slot L`. Use it (not
   * `now() + k L`) to schedule "k slots later": repeated float additions drift off the slot grid.
   */
  slotTime(slot: number): number {
    return this.episodeStart + slot * this.config.slotLength;
  }

  /** True between `startEpisode` and the dispatch of `episode.ended`. */
  get inEpisode(): boolean {
    return this.running;
  }

  /** The clock's position between episodes: where the last episode started and the next may start. */
  position(): { episodeStart: number; nextStart: number; running: boolean } {
    return { episodeStart: this.episodeStart, nextStart: this.nextStart, running: this.running };
  }

  restorePosition(p: { episodeStart: number; nextStart: number; running: boolean }): void {
    [this.episodeStart, this.nextStart, this.running] = [p.episodeStart, p.nextStart, p.running];
  }

  /**
   * Queues the start of an episode when the previous one's last slot is over, or, if events
   * of the previous episode ran past that (a late decision), at the first slot boundary after
   * them. Call `scheduler.clearQueue()` first to abandon an unfinished episode.
   */
  startEpisode(episode: number, seed: number): void {
    const s = this.scheduler;
    s.episode = episode;
    s.slot = 0;
    this.episodeStart = this.firstFreeBoundary();
    this.nextStart = this.episodeStart + this.config.slotsPerEpisode * this.config.slotLength;
    this.running = true;
    s.emit('clock', kernelEvent('episode.started', { episode, seed }), this.episodeStart - s.now());
    this.queueSlot(0);
  }

  /** `nextStart`, or the first later boundary of its slot grid that is not in the past. */
  private firstFreeBoundary(): number {
    const now = this.scheduler.now();
    const late = now > this.nextStart || (now === this.nextStart && this.scheduler.phases.rankOf(this.scheduler.phase) > PHASE_RANKS['episode.start']);
    if (!late) return this.nextStart;
    const L = this.config.slotLength;
    const steps = Math.ceil((now - this.nextStart) / L);
    const start = this.nextStart + steps * L;
    // On `now` itself (or an ulp before it, by rounding) episode.start is already past: one slot on.
    return start > now ? start : this.nextStart + (steps + 1) * L;
  }

  private queueSlot(slot: number): void {
    const s = this.scheduler;
    const t = this.slotTime(slot);
    s.tickAt(t, 'slot.start', [() => (s.slot = slot)]);
    s.emit('clock', kernelEvent('slot.started', { slot }), t - s.now());
    for (const [phase, handlers] of this.ticks) s.tickAt(t, phase, handlers);
    s.emit('clock', kernelEvent('slot.ended', { slot }), t - s.now());
  }

  private afterSlot(slot: number): void {
    const next = slot + 1;
    if (next < this.config.slotsPerEpisode) {
      this.queueSlot(next);
      return;
    }
    const s = this.scheduler;
    s.emit('clock', kernelEvent('episode.ended', { episode: s.episode, slots: next }));
  }
}
