/**
 * toscn packet timing (003 eqs. 19-20, issue 15): by default a slot sends from the queue it
 * started with and its arrivals, at their own instants inside the slot, join for the next
 * slot; `timing.packets: same-slot` keeps semsim 0.1's order. Expected values are derived
 * here from the trace's own inputs (arrivals, capacities), not read from the buffers.
 */
import { describe, expect, it } from 'vitest';
import { resolveToscn, type ToscnParams } from '../../../src/scenarios/toscn/params.ts';
import { ToscnScenarioSchema } from '../../../src/scenarios/toscn/schema.ts';
import type { TraceRecord } from '../../../src/trace/index.ts';
import { payloads, replay, runEpisodes } from '../../properties/toscn-harness.ts';

function params(timing: Record<string, unknown>, extra: Record<string, unknown> = {}): ToscnParams {
  return resolveToscn(
    ToscnScenarioSchema.parse({
      scenario: 'toscn',
      traffic: { meanPacketsPerSlot: 4 },
      packet: { size_bits: 1.6e6 },
      timing,
      run: { slotsPerEpisode: 10, episodes: 1, evalEpisodes: 1, evalSeeds: 1 },
      ...extra,
    }),
  );
}

const equalShares = (D: number) => replay([new Array(3 * D).fill(0)]);
type Tx = { slot: number; capacity: number[]; rate: number[]; packetBits: number[] };
type Update = { user: number; queue: number; delivered: number; dropped: number; cause: string };

/** Per slot and device: arrivals, transmission capacity, what the buffer delivered, the observed queue. */
function slots(trace: readonly TraceRecord[], D: number) {
  const arrivals = payloads<{ user: number; packets: number; offsets?: number[] }>(trace, 'traffic.arrived');
  const tx = payloads<Tx>(trace, 'transmission.completed');
  const obs = payloads<{ slot: number; final: boolean; queue: number[] }>(trace, 'observation.ready');
  const sent = payloads<Update>(trace, 'buffer.updated').filter((b) => b.cause === 'transmission');
  return tx.map((t, s) => ({
    arrivals: Array.from({ length: D }, (_, u) => arrivals[s * D + u].packets),
    offsets: Array.from({ length: D }, (_, u) => arrivals[s * D + u].offsets),
    capacity: t.capacity,
    delivered: Array.from({ length: D }, (_, u) => sent[s * D + u].delivered),
    queue: obs[s].queue,
    next: obs[s + 1].queue,
    t,
  }));
}

describe('toscn packet timing', () => {
  it('next-slot (default): v = min(capacity, queue at the slot start); queue\' = min(queue - v + arrivals, v_max) (eqs. 19-20)', () => {
    const p = params({});
    expect(p.packetTiming).toBe('next-slot');
    const trace = runEpisodes(p, 7, 1, equalShares(p.devices));
    let arrivedAny = 0;
    for (const s of slots(trace, p.devices)) {
      for (let u = 0; u < p.devices; u++) {
        const v = Math.min(s.capacity[u], s.queue[u]);
        expect(s.delivered[u]).toBe(v);
        expect(s.next[u]).toBe(Math.min(s.queue[u] - v + s.arrivals[u], p.bufferCapacity));
        // Arrivals at their own instants inside the slot, in order.
        const o = s.offsets[u]!;
        expect(o).toHaveLength(s.arrivals[u]);
        o.forEach((x, k) => expect(x >= 0 && x < p.slotLength && (k === 0 || x >= o[k - 1])).toBe(true));
        arrivedAny += s.arrivals[u];
      }
    }
    expect(arrivedAny).toBeGreaterThan(0);
  });

  it('same-slot (option): the slot\'s arrivals join before it sends: v = min(capacity, min(queue_after_last_tx + arrivals, v_max))', () => {
    const p = params({ packets: 'same-slot' });
    const trace = runEpisodes(p, 7, 1, equalShares(p.devices));
    let carried = new Array(p.devices).fill(0);
    for (const s of slots(trace, p.devices)) {
      for (let u = 0; u < p.devices; u++) {
        const queue = Math.min(carried[u] + s.arrivals[u], p.bufferCapacity);
        expect(s.queue[u]).toBe(queue);
        expect(s.offsets[u]).toBeUndefined();
        expect(s.delivered[u]).toBe(Math.min(s.capacity[u], queue));
      }
      carried = s.queue.map((q, u) => q - s.delivered[u]);
    }
  });

  it('with the packet trace on, arrivals come at distinct instants and deliveries at t0 + k b_hat / R', () => {
    const p = params({ packetTrace: true });
    const trace = runEpisodes(p, 3, 1, equalShares(p.devices));
    const L = p.slotLength;
    const arrived = trace.filter((r) => r.type === 'packet.arrived');
    expect(arrived.length).toBeGreaterThan(20);
    expect(new Set(arrived.map((r) => r.time)).size).toBe(arrived.length);
    for (const r of arrived) expect(r.time).toBeGreaterThan(r.slot * L - 1e-12);
    const tx = payloads<Tx>(trace, 'transmission.completed');
    const delivered = trace.filter((r) => r.type === 'packet.delivered');
    expect(delivered.length).toBeGreaterThan(0);
    // Deliveries of (slot, user) in order: the k-th at t0 + k b_hat / R (no latencies here).
    const seen = new Map<string, number>();
    for (const r of delivered) {
      const { user } = r.payload as { user: number };
      const slot = Math.floor(r.time / L - 1e-9);
      const key = `${slot}/${user}`;
      const k = (seen.get(key) ?? 0) + 1;
      seen.set(key, k);
      const t = tx[slot];
      expect(r.time).toBeCloseTo(slot * L + (k * t.packetBits[user]) / t.rate[user], 9);
    }
    // Every delivery is one that the buffers counted.
    const counted = payloads<Update>(trace, 'buffer.updated').filter((b) => b.cause === 'transmission').reduce((a, b) => a + b.delivered, 0);
    expect(delivered.length).toBe(counted);
  });

  it('codec time and the grant delay are modelled time: fewer packets leave, and the grant is a timed event', () => {
    const base = params({});
    const slow = params({ codecTime: { kind: 'constant', seconds: 0.03 }, decisionCompute_s: 0.02, signallingDelay_s: 0.01 });
    const a = runEpisodes(base, 5, 1, equalShares(base.devices));
    const b = runEpisodes(slow, 5, 1, equalShares(slow.devices));
    const total = (t: readonly TraceRecord[]) => payloads<Update>(t, 'buffer.updated').filter((x) => x.cause === 'transmission').reduce((s, x) => s + x.delivered, 0);
    expect(total(b)).toBeLessThan(total(a));
    const grants = b.filter((r) => r.type === 'grant.signalled');
    const computed = b.filter((r) => r.type === 'decision.computed');
    expect(grants).toHaveLength(10);
    grants.forEach((r, s) => expect(r.time).toBeCloseTo(s * 0.2 + 0.03, 12));
    computed.forEach((r, s) => expect(r.time).toBeCloseTo(s * 0.2 + 0.02, 12));
    expect(a.some((r) => r.type === 'grant.signalled')).toBe(false);
  });

  it('reports delay percentiles, drop probability and age of information per device in packet.summary', () => {
    const p = params({});
    const trace = runEpisodes(p, 9, 1, equalShares(p.devices));
    const sums = payloads<{ user: number; endToEnd: { mean: number; p50: number; p95: number; p99: number }; ageOfInformation: number; dropProbability: number; window: number }>(trace, 'packet.summary');
    expect(sums.map((s) => s.user)).toEqual([...Array(p.devices).keys()]);
    for (const s of sums) {
      expect(s.window).toBeCloseTo(10 * p.slotLength, 12);
      expect(s.ageOfInformation).toBeGreaterThan(0);
      expect(s.dropProbability >= 0 && s.dropProbability <= 1).toBe(true);
      if (s.endToEnd.mean !== null) expect(s.endToEnd.p50 <= s.endToEnd.p95 && s.endToEnd.p95 <= s.endToEnd.p99).toBe(true);
    }
    const rewards = payloads<{ metrics: Record<string, number> }>(trace, 'reward.computed');
    expect(rewards.at(-1)!.metrics.ageOfInformation).toBeCloseTo(sums.reduce((a, s) => a + s.ageOfInformation, 0) / sums.length, 12);
    expect(rewards[0].metrics.ageOfInformation).toBeUndefined();
    for (const s of sums) {
      expect(rewards.at(-1)!.metrics[`ageOfInformation/${s.user}`]).toBe(s.ageOfInformation);
      if (s.endToEnd.p95 !== null) expect(rewards.at(-1)!.metrics[`delayP95/${s.user}`]).toBe(s.endToEnd.p95);
      else expect(rewards.at(-1)!.metrics[`delayP95/${s.user}`]).toBeUndefined();
    }
  });
});
