/**
 * `semsim/testing`: property-test helpers for your own CI (fast-check arbitraries for agent
 * actions, budget and conservation checks over traces, and the environment checkers).
 */
import fc from 'fast-check';
import type { Action, BoxSpace, Space } from './agents/common/spaces.ts';
import type { TraceRecord } from './trace/record.ts';

export { checkEnv, checkParallelEnv, sampleAction, type CheckOptions, type CheckReport } from './envs/check-env.ts';

/** Values an agent might output for one continuous entry: in the box, outside it, and (optionally) non-finite. */
export function entryArbitrary(low: number, high: number, options: { nonFinite?: boolean } = {}): fc.Arbitrary<number> {
  const tame = fc.double({ min: Math.fround(low), max: Math.fround(high), noNaN: true });
  const wild = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-1e300, 1e300, 5e-324, -0));
  return options.nonFinite ? fc.oneof(tame, wild, fc.constantFrom(NaN, Infinity, -Infinity)) : fc.oneof(tame, wild);
}

/**
 * Actions for `space`: with `nonFinite`, continuous entries may be NaN or infinite and discrete
 * ones out of range, to check that an environment rejects or projects them.
 */
export function actionArbitrary(space: Space, options: { nonFinite?: boolean } = {}): fc.Arbitrary<Action> {
  const boxArb = (b: BoxSpace) =>
    fc.tuple(...Array.from({ length: b.size }, (_, i) => entryArbitrary(b.low[i], b.high[i], options))).map((xs) => Float64Array.from(xs) as unknown as Float32Array);
  const choices = (nvec: readonly number[]) =>
    fc.tuple(...nvec.map((n) => (options.nonFinite ? fc.integer({ min: -1, max: n }) : fc.integer({ min: 0, max: n - 1 })))).map((xs) => Int32Array.from(xs));
  switch (space.kind) {
    case 'box':
      return boxArb(space).map((continuous) => ({ continuous }));
    case 'discrete':
      return choices([space.n]).map((discrete) => ({ discrete }));
    case 'multi-discrete':
      return choices(space.nvec).map((discrete) => ({ discrete }));
    case 'hybrid':
      return fc.record({ continuous: boxArb(space.continuous), discrete: choices(space.discrete.nvec) });
  }
}

/**
 * Budget violations in a trace: every `decision.applied` whose `applied[vector]` sums above
 * `budget` (relative tolerance `tol`), or holds a negative or non-finite entry.
 */
export function budgetViolations(records: readonly TraceRecord[], vector: string, budget: number, tol = 1e-9): string[] {
  const out: string[] = [];
  for (const r of records) {
    if (r.type !== 'decision.applied') continue;
    const xs = (r.payload as { applied: Record<string, number[]> }).applied[vector];
    if (!xs) {
      out.push(`seq ${r.seq}: decision.applied has no '${vector}'`);
      continue;
    }
    const sum = xs.reduce((a, b) => a + b, 0);
    if (xs.some((x) => !(x >= 0) || !Number.isFinite(x))) out.push(`seq ${r.seq}: ${vector} has a negative or non-finite entry`);
    if (sum > budget * (1 + tol)) out.push(`seq ${r.seq}: sum of ${vector} ${sum} exceeds the budget ${budget}`);
  }
  return out;
}

/**
 * Packet conservation per episode and user, from the kit's events: packets arrived
 * (`traffic.arrived`) = delivered + dropped + still queued (`buffer.updated`), and every
 * queue within [0, capacity].
 */
export function conservationViolations(records: readonly TraceRecord[], capacity = Infinity): string[] {
  type Totals = { arrived: number; delivered: number; dropped: number; queue: number };
  const totals = new Map<string, Totals>();
  const of = (r: TraceRecord, user: number): Totals => {
    const key = `episode ${r.episode} user ${user}`;
    let t = totals.get(key);
    if (!t) totals.set(key, (t = { arrived: 0, delivered: 0, dropped: 0, queue: 0 }));
    return t;
  };
  const out: string[] = [];
  for (const r of records) {
    if (r.type === 'traffic.arrived') {
      const p = r.payload as { user: number; packets: number };
      of(r, p.user).arrived += p.packets;
    } else if (r.type === 'buffer.updated') {
      const p = r.payload as { user: number; queue: number; delivered: number; dropped: number; cause: string };
      const t = of(r, p.user);
      t.delivered += p.delivered;
      t.dropped += p.dropped;
      t.queue = p.queue;
      if (p.queue < 0 || p.queue > capacity || !Number.isInteger(p.queue)) out.push(`seq ${r.seq}: queue ${p.queue} outside [0, ${capacity}]`);
    }
  }
  for (const [key, t] of totals) {
    if (t.arrived !== t.delivered + t.dropped + t.queue) out.push(`${key}: arrived ${t.arrived} != delivered ${t.delivered} + dropped ${t.dropped} + queued ${t.queue}`);
  }
  return out;
}
