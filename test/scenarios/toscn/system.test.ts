import { describe, it, expect, beforeAll } from 'vitest';
import { validateEvent } from '../../../src/events/index.ts';
import { fullCatalogue } from '../../events/samples.ts';
import { phaseRank } from '../../../src/scheduler/phase.ts';
import { hashRecords, type TraceRecord } from '../../../src/trace/index.ts';
import { runToscn } from '../../actors/toscn-run.ts';

/** Records grouped by (episode, slot), in trace order. */
function bySlot(records: readonly TraceRecord[]): TraceRecord[][] {
  const groups = new Map<string, TraceRecord[]>();
  for (const r of records) {
    const key = `${r.episode}/${r.slot}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('toscn actor system: determinism and trace shape', () => {
  // 4 episodes x 250 slots = 1000 slots, with seeded random actions.
  const opts = { episodes: 4, slots: 250, policy: 'random' } as const;
  let a: ReturnType<typeof runToscn>;
  beforeAll(() => {
    a = runToscn({ seed: 1, ...opts });
  });

  it('the same seed gives an identical trace hash over 1000 slots; another seed does not', async () => {
    const again = runToscn({ seed: 1, ...opts });
    const other = runToscn({ seed: 2, ...opts });
    expect(a.records.filter((r) => r.type === 'slot.started')).toHaveLength(1000);
    const [h1, h2, h3] = await Promise.all([hashRecords(a.records), hashRecords(again.records), hashRecords(other.records)]);
    expect(h2).toBe(h1);
    expect(again.rewards).toEqual(a.rewards);
    expect(h3).not.toBe(h1);
  });

  it('every record passes the catalogue schema and sits in its declared phase', () => {
    // 003 eqs. 19-20 (the default timing): a slot's arrivals are admitted after its transmission, in that phase.
    const causes: Record<string, string> = { reset: 'episode.start', arrival: 'transmission', transmission: 'transmission' };
    const catalogue = fullCatalogue();
    const inherited = (r: TraceRecord): string => {
      if (r.type === 'buffer.updated') return causes[(r.payload as { cause: string }).cause];
      if (r.type === 'observation.ready' || r.type === 'decision.requested') return (r.payload as { final: boolean }).final ? 'episode.end' : 'observation';
      if (r.type === 'packet.summary') return 'transmission';
      return 'episode.start';
    };
    const problems: string[] = [];
    for (const r of a.records) {
      try {
        validateEvent(catalogue, r.type, r.payload);
      } catch (err) {
        problems.push(`${r.seq}: ${String(err)}`);
      }
      const declared = catalogue.phaseOf(r.type);
      const want = declared !== 'inherit' ? declared : inherited(r);
      if (r.phase !== want) problems.push(`${r.seq}: ${r.type} in phase ${r.phase}, expected ${want}`);
    }
    expect(problems).toEqual([]);
  });

  it('seq increases by one, time never decreases, and every slot runs its phases in order at t0 + s L', () => {
    const L = a.params.slotLength;
    const problems: string[] = [];
    let lastTime = -Infinity;
    const starts = new Map<number, number>();
    a.records.forEach((r, i) => {
      if (r.seq !== i) problems.push(`seq ${r.seq} at index ${i}`);
      if (r.time < lastTime) problems.push(`${r.seq}: time went back to ${r.time}`);
      lastTime = r.time;
      if (r.type === 'episode.started') starts.set(r.episode, r.time);
      if (r.time !== starts.get(r.episode)! + r.slot * L) problems.push(`${r.seq}: slot ${r.slot} at t=${r.time}`);
    });
    for (const group of bySlot(a.records)) {
      const ranks = group.map((r) => phaseRank(r.phase));
      if (ranks.some((x, i) => i > 0 && x < ranks[i - 1])) problems.push(`slot ${group[0].episode}/${group[0].slot}: phases ${group.map((r) => r.phase)}`);
      // Inside the episode brackets a slot opens with slot.started and closes with slot.ended.
      const inner = group.filter((r) => r.phase !== 'episode.start' && r.phase !== 'episode.end');
      const first = inner[0];
      if (first.type !== 'slot.started' || (first.payload as { slot: number }).slot !== first.slot || inner.at(-1)!.type !== 'slot.ended') {
        problems.push(`slot ${first.episode}/${first.slot} is not bracketed`);
      }
    }
    expect(problems).toEqual([]);
    expect(bySlot(a.records)).toHaveLength(1000);
    expect([...starts.values()].map((t) => t / (250 * L))).toEqual([0, 1, 2, 3].map((e) => expect.closeTo(e, 9)));
  });

  it('conserves packets per device and episode, and never delivers more than was queued', () => {
    type Update = { user: number; queue: number; delivered: number; dropped: number; cause: string };
    const key = (r: TraceRecord): string => `${r.episode}/${(r.payload as { user: number }).user}`;
    const arrived = new Map<string, number>();
    const updates = new Map<string, Update[]>();
    for (const r of a.records) {
      if (r.type === 'traffic.arrived') arrived.set(key(r), (arrived.get(key(r)) ?? 0) + (r.payload as { packets: number }).packets);
      if (r.type === 'buffer.updated') {
        const list = updates.get(key(r));
        if (list) list.push(r.payload as Update);
        else updates.set(key(r), [r.payload as Update]);
      }
    }
    expect(updates.size).toBe(opts.episodes * a.params.devices);
    const problems: string[] = [];
    for (const [k, list] of updates) {
      const delivered = sum(list.map((p) => p.delivered));
      const dropped = sum(list.map((p) => p.dropped));
      const queue = list.at(-1)!.queue;
      if (arrived.get(k) !== delivered + dropped + queue) problems.push(`${k}: ${arrived.get(k)} != ${delivered} + ${dropped} + ${queue}`);
      let before = 0;
      for (const p of list) {
        if (p.queue < 0 || p.queue > a.params.bufferCapacity) problems.push(`${k}: queue ${p.queue}`);
        if (p.cause === 'transmission' && p.delivered > before) problems.push(`${k}: delivered ${p.delivered} of ${before}`);
        before = p.queue;
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps every applied allocation within the budgets', () => {
    const { bandwidthBudget, powerBudget } = a.params;
    for (const r of a.records.filter((x) => x.type === 'decision.applied')) {
      const p = (r.payload as { applied: { bandwidth: number[]; power: number[] } }).applied;
      expect(sum(p.bandwidth)).toBeLessThanOrEqual(bandwidthBudget * (1 + 1e-12));
      expect(sum(p.power)).toBeLessThanOrEqual(powerBudget * (1 + 1e-12));
      expect([...p.bandwidth, ...p.power].every((x) => x >= 0)).toBe(true);
    }
  });
});
