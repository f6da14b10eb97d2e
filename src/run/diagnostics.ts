import type { Action, Space } from '../agents/common/spaces.ts';

/**
 * What an agent's evaluation policy did with its action space: how often continuous outputs
 * sat at the edge of their box (a policy frozen in a corner of its action box shows as
 * saturation near 1), and how many distinct actions it took (1: the policy ignored the state).
 */
export interface ActionDiagnostics {
  /** Actions recorded (per agent id, per step). */
  readonly actions: number;
  /** Fraction of continuous components within 1 % of the range from a bound (|a| > 0.99 on [-1, 1]); null without a continuous part. */
  readonly saturation: number | null;
  /** Distinct actions taken (continuous parts compared as float32). */
  readonly distinctActions: number;
  /** Readable warnings (saturated or state-independent policy). */
  readonly warnings: string[];
}

/** An {@link ActionRecorder}'s data (see `state`). */
export interface RecorderState {
  readonly count: number;
  readonly saturated: number;
  readonly components: number;
  readonly distinct: string[];
  readonly counts: [string, number[][]][];
}

const SATURATION_WARNING = 0.95;
const DISTINCT_CAP = 10_000;

/** Accumulates the actions of one agent (all its ids) over its evaluation. */
export class ActionRecorder {
  private count = 0;
  private saturated = 0;
  private components = 0;
  private readonly distinct = new Set<string>();
  private readonly counts = new Map<string, number[][]>();

  /** Records one action of agent id `id` (its discrete choices are counted per id). */
  record(space: Space, action: Action, id = ''): void {
    this.count++;
    const sizes = space.kind === 'discrete' ? [space.n] : space.kind === 'multi-discrete' ? space.nvec : space.kind === 'hybrid' ? space.discrete.nvec : [];
    if (action.discrete && sizes.length) {
      let perId = this.counts.get(id);
      if (!perId) this.counts.set(id, (perId = sizes.map((n) => new Array<number>(n).fill(0))));
      for (let i = 0; i < sizes.length; i++) {
        const choice = action.discrete[i];
        if (choice >= 0 && choice < sizes[i]) perId[i][choice]++;
      }
    }
    const box = space.kind === 'box' ? space : space.kind === 'hybrid' ? space.continuous : undefined;
    const x = action.continuous;
    if (box && x) {
      for (let i = 0; i < x.length; i++) {
        const half = (box.high[i] - box.low[i]) / 2;
        const mid = (box.high[i] + box.low[i]) / 2;
        if (Number.isFinite(half) && half > 0 && Math.abs(x[i] - mid) > 0.99 * half) this.saturated++;
      }
      this.components += x.length;
    }
    // Bounded memory: past 10,000 distinct actions the count saturates (still far from "state-independent").
    if (this.distinct.size < DISTINCT_CAP) this.distinct.add(`${x ? Array.from(Float32Array.from(x)).join(',') : ''}|${action.discrete ? Array.from(action.discrete).join(',') : ''}`);
  }

  /** Everything recorded so far, as plain data (run checkpoints). */
  state(): RecorderState {
    return { count: this.count, saturated: this.saturated, components: this.components, distinct: [...this.distinct], counts: [...this.counts] };
  }

  restore(s: RecorderState): void {
    [this.count, this.saturated, this.components] = [s.count, s.saturated, s.components];
    this.distinct.clear();
    for (const d of s.distinct) this.distinct.add(d);
    this.counts.clear();
    for (const [id, c] of s.counts) this.counts.set(id, c.map((row) => [...row]));
  }

  /** How often each discrete choice was taken: per agent id, per discrete component, per choice. */
  discreteCounts(): Record<string, number[][]> {
    return Object.fromEntries([...this.counts].map(([id, c]) => [id, c.map((row) => [...row])]));
  }

  /**
   * The diagnostics; `learns` adds the warnings that only make sense for a learned policy,
   * `stateIndependent` (a policy that ignores its observation by design) drops the one-action warning.
   */
  summary(learns: boolean, stateIndependent = false): ActionDiagnostics {
    const saturation = this.components ? this.saturated / this.components : null;
    const warnings: string[] = [];
    if (learns && saturation !== null && saturation > SATURATION_WARNING) {
      warnings.push(`${(saturation * 100).toFixed(1)} % of action components are saturated (> 95 %): the policy sits at the edge of its action box`);
    }
    if (learns && !stateIndependent && this.count > 1 && this.distinct.size === 1) warnings.push('one action for every state: the learned policy ignores its observation');
    return { actions: this.count, saturation, distinctActions: this.distinct.size, warnings };
  }
}
