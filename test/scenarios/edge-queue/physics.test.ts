import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { conservationViolations } from '../../../src/testing.ts';
import { shareService } from '../../../src/scenarios/edge-queue/logic.ts';
import { edgeParams, payloads, runEdge } from './harness.ts';

type Buffer = { user: number; queue: number; accepted: number; dropped: number; delivered: number; cause: string };
type Arrival = { user: number; packets: number };

describe('shareService (processor sharing of the slot capacity)', () => {
  test.prop([fc.nat(40), fc.array(fc.nat(12), { minLength: 1, maxLength: 6 }), fc.nat(10)])('serves min(capacity, total offer), never more than offered, fairly', (capacity, offers, first) => {
    const served = shareService(capacity, offers, first);
    expect(served.reduce((a, b) => a + b, 0)).toBe(Math.min(capacity, offers.reduce((a, b) => a + b, 0)));
    for (const [k, s] of served.entries()) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(offers[k]);
      // Max-min fair up to one packet: a device short of its offer got at least everyone else's share minus one.
      if (s < offers[k]) for (const t of served) expect(s).toBeGreaterThanOrEqual(t - 1);
    }
  });

  it('gives the odd packet to the device whose turn it is', () => {
    expect(shareService(3, [4, 4], 0)).toEqual([2, 1]);
    expect(shareService(3, [4, 4], 1)).toEqual([1, 2]);
    expect(shareService(5, [1, 9, 9], 0)).toEqual([1, 2, 2]);
  });
});

describe('edge-queue physics, from the trace', () => {
  it('conserves packets: arrived = served + dropped + queued, queues within [0, B] (random levels, full buffers)', () => {
    const params = edgeParams({ devices: 3, arrivalsPerSlot: 2.5, bufferCapacity_packets: 6, run: { slotsPerEpisode: 30 } });
    const records = runEdge(params, { episodes: 8, seed: 1, policy: 'random' });
    expect(payloads<Buffer>(records, 'buffer.updated').some((b) => b.dropped > 0)).toBe(true);
    expect(conservationViolations(records, 6)).toEqual([]);
  });

  it('with no service the queue grows by the arrivals minus the drops: q_t = min(B, q_{t-1} + A_t)', () => {
    const B = 8;
    const records = runEdge(edgeParams({ servicePerSlot: 0, bufferCapacity_packets: B, run: { slotsPerEpisode: 25 } }), { episodes: 4, seed: 2, policy: 4 });
    const arrivals = payloads<Arrival>(records, 'traffic.arrived');
    const updates = payloads<Buffer>(records, 'buffer.updated').filter((b) => b.cause === 'arrival');
    expect(updates).toHaveLength(arrivals.length);
    const queue = new Map<string, number>();
    arrivals.forEach((a, i) => {
      const key = `${a.episode}/${a.user}`;
      const before = queue.get(key) ?? 0;
      const after = Math.min(B, before + a.packets);
      expect(updates[i]).toMatchObject({ user: a.user, queue: after, accepted: after - before, dropped: before + a.packets - after });
      queue.set(key, after);
    });
    expect(payloads<{ delivered: number[] }>(records, 'transmission.completed').every((t) => t.delivered.every((d) => d === 0))).toBe(true);
  });

  it('with no service and room for everything, the mean queue after T slots is lambda T (closed form)', () => {
    const T = 20;
    const lambda = 1.5;
    const records = runEdge(edgeParams({ servicePerSlot: 0, bufferCapacity_packets: 10_000, arrivalsPerSlot: lambda, run: { slotsPerEpisode: T } }), { episodes: 100, seed: 3, policy: 0 });
    const finals = payloads<Buffer>(records, 'buffer.updated').filter((b) => b.slot === T - 1 && b.cause === 'transmission');
    expect(finals).toHaveLength(200);
    const mean = finals.reduce((a, b) => a + b.queue, 0) / finals.length;
    // Poisson: variance lambda T per queue, so the mean of 200 has std sqrt(30 / 200) ~ 0.39.
    expect(Math.abs(mean - lambda * T)).toBeLessThan(4 * Math.sqrt((lambda * T) / finals.length));
  });

  it('with ample service and the top level, every queue empties each slot: served = arrivals accepted', () => {
    const records = runEdge(edgeParams({ servicePerSlot: 1000, levels: 11, bufferCapacity_packets: 10, run: { slotsPerEpisode: 20 } }), { episodes: 3, seed: 4, policy: 10 });
    const buffers = payloads<Buffer>(records, 'buffer.updated');
    const accepted = buffers.filter((b) => b.cause === 'arrival');
    const sent = buffers.filter((b) => b.cause === 'transmission');
    expect(sent.every((b) => b.queue === 0)).toBe(true);
    expect(sent.map((b) => b.delivered)).toEqual(accepted.map((b) => b.accepted));
  });

  it('scores each slot: served = the server completions, backlog = the end-of-slot queues', () => {
    const records = runEdge(edgeParams({ run: { slotsPerEpisode: 15 } }), { episodes: 2, seed: 5, policy: 'random' });
    const done = payloads<{ delivered: number[] }>(records, 'transmission.completed');
    const capacity = payloads<{ capacity: number }>(records, 'service.drawn');
    const scores = payloads<{ metrics: Record<string, number> }>(records, 'reward.computed');
    const ends = payloads<Buffer>(records, 'buffer.updated').filter((b) => b.cause === 'transmission');
    scores.forEach((s, i) => {
      const served = done[i].delivered.reduce((a, b) => a + b, 0);
      expect(s.metrics.served).toBe(served);
      expect(served).toBeLessThanOrEqual(capacity[i].capacity);
      expect(s.metrics.backlog).toBe(ends[2 * i].queue + ends[2 * i + 1].queue);
    });
  });
});
