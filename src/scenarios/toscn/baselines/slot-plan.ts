/**
 * Turns a one-slot plan into a toscn action and checks it through the scenario's own action
 * mapping (`allocationFromAction`, `linkCapacities`), so the baselines never rely on a copy
 * of the softmax or the rate formula.
 *
 * Why equal power spectral density: a user's power share is tied to its bandwidth share (the
 * same logits go to both), so every user sees exactly its full-budget SNR, which the
 * observation carries, and its rate `s_u B log2(1 + SNR_u)` is linear in its share `s_u`.
 * The joint bandwidth/power problem becomes a one-dimensional knapsack ({@link planQuanta}).
 * It is not the joint optimum (water-filling power across users can do better at low SNR),
 * but it is exact for the rates it predicts and cheap.
 *
 * Why the softmax matters: shares are `softmax(T a)` with `a` in [-1, 1], so no user's share
 * can fall below `e^{-2T}` times the largest (T = shareTemperature; 3.4e-4 for T = 4). Users
 * the plan leaves out still get that floor, taken from the others; the plan therefore starts
 * with the budget shrunk by `(D-1) e^{-2T}` and shrinks it further when the check finds a
 * planned packet missing.
 */
import { allocationFromAction, linkCapacities } from '../logic.ts';
import type { ToscnParams } from '../params.ts';
import { planQuanta, type CompressionModel } from './knapsack.ts';
import type { ToscnState } from './observation.ts';

/** Settings of the one-slot planner shared by the greedy baselines. */
export type SlotPlannerConfig = {
  /** Slices the bandwidth/power budget is cut into for the knapsack (ours; 200 = 0.5 % steps). */
  readonly budgetQuanta: number;
  /** Relative rate kept in reserve so float rounding never loses a planned packet (ours). */
  readonly rateMargin: number;
  /** Extra attempts with a 1 % smaller budget when the check finds a planned packet missing (ours). */
  readonly replans: number;
};

/** A checked action and what the scenario's mapping says it achieves. */
export interface SlotPlan {
  /** The action `[compression (D), bandwidth logits (D), power logits (D)]`, float32. */
  readonly action: Float32Array;
  /** Packets each user delivers under this action (003 eq. 19). */
  readonly delivered: number[];
  /** Compression each user applies. */
  readonly compression: number[];
  /** `sum_u delivered_u * value(eta_u)`. */
  readonly value: number;
}

/**
 * Bandwidth logits realising `shares` (any non-negative vector) under `softmax(T a)`: the
 * largest share gets `a = 1`, the others `1 + ln(s_u / s_max) / T`, clipped at -1 (the
 * softmax floor described above). All-zero shares give all-zero logits (equal split).
 */
export function sharesToLogits(shares: readonly number[], temperature: number): number[] {
  const max = Math.max(0, ...shares);
  if (max === 0) return shares.map(() => 0);
  return shares.map((s) => (s > 0 ? Math.max(-1, Math.min(1, 1 + Math.log(s / max) / temperature)) : -1));
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The neighbouring float32 of a float32 value `a`, towards +Infinity (`dir = 1`) or -Infinity. */
export function nextFloat32(a: number, dir: 1 | -1): number {
  f32[0] = a;
  if (f32[0] === 0) {
    u32[0] = 1; // smallest subnormal
    return dir * f32[0];
  }
  // For positive values the bit pattern grows with the value; for negative ones it shrinks.
  u32[0] += (f32[0] > 0) === (dir > 0) ? 1 : -1;
  return f32[0];
}

/** Compression the scenario applies for a compression action `a` (mirrors `allocationFromAction`). */
export function compressionOf(a: number, maxCompression: number): number {
  return ((Math.max(-1, Math.min(1, a)) + 1) / 2) * maxCompression;
}

/**
 * The float32 action in [-1, 1] whose compression is the nearest to `eta` on the chosen side:
 * `'up'` gives at least `eta` (packets still fit), `'down'` at most `eta` (accuracy still holds),
 * as far as [-1, 1] allows.
 */
export function compressionAction(eta: number, maxCompression: number, side: 'up' | 'down'): number {
  if (!(maxCompression > 0)) return -1;
  let a = Math.fround(Math.max(-1, Math.min(1, (2 * eta) / maxCompression - 1)));
  if (side === 'up') {
    while (a < 1 && compressionOf(a, maxCompression) < eta) a = nextFloat32(a, 1);
  } else {
    while (a > -1 && compressionOf(a, maxCompression) > eta) a = nextFloat32(a, -1);
  }
  return a;
}

/**
 * Plans one slot: knapsack over budget slices, shares proportional to the slices (spare
 * slices go to the served users, which widens their margin), compression re-tightened to
 * the shares actually realised, then checked through the scenario mapping. Returns the best
 * checked action over the attempts.
 *
 * @param maxAction largest compression action allowed (the accuracy guard of the caller)
 */
export function planSlot(state: ToscnState, p: ToscnParams, model: CompressionModel, maxAction: number, cfg: SlotPlannerConfig): SlotPlan {
  const D = p.devices;
  const b = p.packetBits as number;
  const Q = cfg.budgetQuanta;
  const efficiency = state.fullBudgetSnr.map((snr) => Math.log2(1 + snr));
  let fraction = Math.max(0.5, 1 - (D - 1) * Math.exp(-2 * p.shareTemperature));
  let best: SlotPlan | null = null;
  for (let attempt = 0; attempt <= cfg.replans; attempt++, fraction *= 0.99) {
    const perQuantum = ((fraction * p.bandwidthBudget) / Q) * p.slotLength * (1 - cfg.rateMargin);
    const users = state.queues.map((queue, u) => ({ queue, bitsPerQuantum: perQuantum * efficiency[u] }));
    const plan = planQuanta(users, b, Q, model);
    const logits = sharesToLogits(plan.map((x) => x.quanta), p.shareTemperature);
    const action = new Float32Array(3 * D);
    for (let u = 0; u < D; u++) action[D + u] = action[2 * D + u] = logits[u];
    // Shares are now fixed; give each served user the least compression its packets need.
    const shares = allocationFromAction(action, p);
    const { rate } = linkCapacities(shares, state.gains, new Array(D).fill(b), p);
    for (let u = 0; u < D; u++) {
      const k = plan[u].packets;
      const need = k > 0 ? Math.max(0, 1 - (rate[u] * p.slotLength * (1 - cfg.rateMargin)) / (k * b)) : 0;
      action[u] = Math.min(compressionAction(need, p.maxCompression, 'up'), maxAction);
    }
    const alloc = allocationFromAction(action, p);
    const bits = alloc.compression.map((eta) => (1 - eta) * b);
    const { capacity } = linkCapacities(alloc, state.gains, bits, p);
    const delivered = capacity.map((c, u) => Math.min(c, state.queues[u]));
    const value = delivered.reduce((acc, v, u) => acc + v * model.value(alloc.compression[u]), 0);
    if (!best || value > best.value) best = { action, delivered, compression: alloc.compression, value };
    if (plan.every((x, u) => delivered[u] >= x.packets)) break;
  }
  return best!;
}
