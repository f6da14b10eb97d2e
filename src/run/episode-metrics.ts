import type { KernelEvent } from '../events/index.ts';
import type { SlotScheduler } from '../scheduler/index.ts';
import { splitBreakdownKey, type MetricSpec } from '../scenarios/plugin.ts';

/** Totals of one episode, from the per-slot metrics of `reward.computed`. */
export interface EpisodeMetrics {
  /** Per declared metric: the episode value (a sum, or a mean over slots). */
  readonly values: Record<string, number>;
  /** Slots with a violation (the scenario's `violations` metric, if it has one), summed. */
  readonly violations: number;
  readonly slots: number;
  /** Per declared metric: its value in each slot of the episode, in order (box plots, bands over time). */
  readonly perSlot: Record<string, number[]>;
  /** Per metric with a `breakdown`: the episode value of each entity (`<name>/<entity>` keys). */
  readonly breakdown: Record<string, Record<string, number>>;
}

/**
 * Accumulates `reward.computed.metrics` of one simulation, slot by slot, into episode values.
 * It listens to the simulation's events, so a step that spans several slots (a late
 * decision) still counts every slot.
 */
export class MetricsCollector {
  private sums: Record<string, number> = {};
  private perSlot: Record<string, number[]> = {};
  /** Broken-down metric → entity → its episode value so far (a running sum, or the last value). */
  private readonly entities = new Map<string, Map<string, number>>();
  /** The broken-down metrics by name. */
  private readonly brokenDown: ReadonlyMap<string, MetricSpec>;
  private violations = 0;
  private slots = 0;

  constructor(
    scheduler: SlotScheduler,
    private readonly specs: readonly MetricSpec[],
  ) {
    this.brokenDown = new Map(specs.filter((s) => s.breakdown !== undefined).map((s) => [s.name, s]));
    scheduler.on(['reward.computed'], (event) => {
      const metrics = (event as KernelEvent<'reward.computed'>).payload.metrics;
      for (const s of this.specs) {
        const v = metrics[s.name];
        if (s.perEpisode !== 'last') this.sums[s.name] = (this.sums[s.name] ?? 0) + (v ?? 0);
        else if (v !== undefined) this.sums[s.name] = v;
        (this.perSlot[s.name] ??= []).push(v ?? 0);
      }
      if (this.brokenDown.size) this.collectEntities(metrics);
      this.violations += metrics.violations ?? 0;
      this.slots++;
    });
  }

  /** Forgets what was collected (call before an episode starts). */
  clear(): void {
    this.sums = {};
    this.perSlot = {};
    this.entities.clear();
    this.violations = 0;
    this.slots = 0;
  }

  /** The episode so far. */
  episode(): EpisodeMetrics {
    const values: Record<string, number> = {};
    for (const s of this.specs) {
      const sum = this.sums[s.name] ?? 0;
      values[s.name] = s.perEpisode === 'mean' ? (this.slots ? sum / this.slots : 0) : sum;
    }
    const perSlot = Object.fromEntries(this.specs.map((s) => [s.name, this.perSlot[s.name] ?? []]));
    const breakdown: Record<string, Record<string, number>> = {};
    for (const [name, s] of this.brokenDown) {
      const values = [...(this.entities.get(name) ?? [])];
      breakdown[name] = Object.fromEntries(values.map(([entity, sum]) => [entity, s.perEpisode === 'mean' ? (this.slots ? sum / this.slots : 0) : sum]));
    }
    return { values, violations: this.violations, slots: this.slots, perSlot, breakdown };
  }

  /** The `<name>/<entity>` keys of one slot's metrics, aggregated like their metric (one pass over the keys). */
  private collectEntities(metrics: Readonly<Record<string, number>>): void {
    for (const [key, v] of Object.entries(metrics)) {
      const split = splitBreakdownKey(key);
      const spec = split && this.brokenDown.get(split.metric);
      if (!split || !spec) continue;
      let byEntity = this.entities.get(split.metric);
      if (!byEntity) this.entities.set(split.metric, (byEntity = new Map()));
      byEntity.set(split.entity, spec.perEpisode === 'last' ? v : (byEntity.get(split.entity) ?? 0) + v);
    }
  }

}
