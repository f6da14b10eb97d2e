import type { UpdateInfo } from '../agents/agent.ts';
import type { Action, Space } from '../agents/common/spaces.ts';

/**
 * One training episode of an agent (a team's: means over its members), as written to
 * `training/<agent>.csv` (columns documented in the README, "Run outputs").
 */
export interface TrainingEpisode {
  /** Training episode index, from 0. */
  readonly episode: number;
  /** The episode's return (sum of rewards; a team's: mean over its members). */
  readonly return: number;
  readonly slots: number;
  /** Learning updates that ran during the episode (over all members). */
  readonly updates: number;
  /** Mean of each value `update()` returned (losses, TD error, entropy, ...) over the episode's updates. */
  readonly losses: Readonly<Record<string, number>>;
  /** `trainingStats()` at the episode's end (epsilon, noise, alpha, learning rates), mean over members. */
  readonly stats: Readonly<Record<string, number>>;
  /** Behaviour actions of the episode, every component scaled to [-1, 1] (see {@link normalisedComponents}). */
  readonly action: { readonly mean: number; readonly std: number; readonly saturation: number };
  /** The scenario's metrics of the episode (as in evaluation: sums or means over slots). */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Fraction of the half-range from the centre beyond which a component counts as saturated. */
const SATURATED = 0.99;

/**
 * Every component of an action scaled to [-1, 1]: a box component by its bounds, a discrete
 * choice `i` of `n` as `2 i / (n - 1) - 1` (first choice -1, last +1; 0 when n = 1).
 */
export function normalisedComponents(space: Space, action: Action): number[] {
  const out: number[] = [];
  const boxPart = space.kind === 'box' ? space : space.kind === 'hybrid' ? space.continuous : undefined;
  if (boxPart && action.continuous) {
    for (let i = 0; i < action.continuous.length; i++) {
      const half = (boxPart.high[i] - boxPart.low[i]) / 2;
      out.push(Number.isFinite(half) && half > 0 ? (action.continuous[i] - (boxPart.high[i] + boxPart.low[i]) / 2) / half : 0);
    }
  }
  const sizes = space.kind === 'discrete' ? [space.n] : space.kind === 'multi-discrete' ? space.nvec : space.kind === 'hybrid' ? space.discrete.nvec : [];
  if (action.discrete) for (let i = 0; i < action.discrete.length; i++) out.push(sizes[i] > 1 ? (2 * action.discrete[i]) / (sizes[i] - 1) - 1 : 0);
  return out;
}

/** Accumulates one training episode of a team: its actions and its updates. */
export class EpisodeAccumulator {
  private n = 0;
  private sum = 0;
  private sumSq = 0;
  private saturated = 0;
  private updates = 0;
  private readonly lossSums = new Map<string, { sum: number; n: number }>();

  action(space: Space, action: Action): void {
    for (const u of normalisedComponents(space, action)) {
      this.n++;
      this.sum += u;
      this.sumSq += u * u;
      if (Math.abs(u) > SATURATED) this.saturated++;
    }
  }

  update(info: UpdateInfo): void {
    this.updates++;
    for (const [k, v] of Object.entries(info)) {
      const s = this.lossSums.get(k) ?? { sum: 0, n: 0 };
      s.sum += v;
      s.n++;
      this.lossSums.set(k, s);
    }
  }

  finish(episode: number, ret: number, slots: number, stats: Readonly<Record<string, number>>, metrics: Readonly<Record<string, number>>): TrainingEpisode {
    const mean = this.n ? this.sum / this.n : NaN;
    const variance = this.n ? Math.max(0, this.sumSq / this.n - mean * mean) : NaN;
    const losses: Record<string, number> = {};
    // A value the agent also reports as a schedule stat (DQN's epsilon) is logged once, as the stat.
    for (const [k, s] of this.lossSums) if (!(k in stats)) losses[k] = s.sum / s.n;
    return {
      episode,
      return: ret,
      slots,
      updates: this.updates,
      losses,
      stats,
      action: { mean, std: Math.sqrt(variance), saturation: this.n ? this.saturated / this.n : NaN },
      metrics,
    };
  }
}

const cell = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '' : String(v));

/**
 * The training log as CSV: `episode, return, slots, updates`, one `update_<name>` column per
 * value `update()` returned (mean over the episode's updates; empty without an update), one
 * column per `trainingStats()` key, `action_mean, action_std, action_saturation`, then one
 * `metric_<name>` column per scenario metric.
 */
export function trainingCsv(rows: readonly TrainingEpisode[]): string {
  const keys = (pick: (r: TrainingEpisode) => Readonly<Record<string, number>>): string[] => [...new Set(rows.flatMap((r) => Object.keys(pick(r))))];
  const losses = keys((r) => r.losses);
  const stats = keys((r) => r.stats);
  const metrics = keys((r) => r.metrics);
  const head = ['episode', 'return', 'slots', 'updates', ...losses.map((k) => `update_${k}`), ...stats, 'action_mean', 'action_std', 'action_saturation', ...metrics.map((k) => `metric_${k}`)];
  const lines = rows.map((r) =>
    [
      String(r.episode),
      cell(r.return),
      String(r.slots),
      String(r.updates),
      ...losses.map((k) => cell(r.losses[k])),
      ...stats.map((k) => cell(r.stats[k])),
      cell(r.action.mean),
      cell(r.action.std),
      cell(r.action.saturation),
      ...metrics.map((k) => cell(r.metrics[k])),
    ].join(','),
  );
  return [head.join(','), ...lines].join('\n') + '\n';
}
