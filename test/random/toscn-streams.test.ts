import { describe, it, expect, beforeAll } from 'vitest';
import type { TraceRecord } from '../../src/trace/index.ts';
import { runToscn } from '../actors/toscn-run.ts';

/**
 * The values a device's own streams produce, per user, in trace order: per-user payloads, or
 * user u's entry of the link set's vector `channel.evolved` (its fading |g_u|^2).
 */
function perUser(records: readonly TraceRecord[], type: string, users: number): unknown[][] {
  const out: unknown[][] = Array.from({ length: users }, () => []);
  for (const r of records) {
    if (r.type !== type) continue;
    if (type === 'channel.evolved') {
      const fading = (r.payload as { fading: number[] }).fading;
      for (let u = 0; u < users; u++) out[u].push({ fading: fading[u] });
      continue;
    }
    const u = (r.payload as { user: number }).user;
    if (u < users) out[u].push(r.payload);
  }
  return out;
}

describe('toscn random streams at the system level', () => {
  // Random actions: the allocation must not leak into channel or traffic draws either.
  let base: ReturnType<typeof runToscn>;
  let more: ReturnType<typeof runToscn>;
  beforeAll(() => {
    base = runToscn({ seed: 4, episodes: 2, slots: 25, devices: 6, policy: 'random' });
    more = runToscn({ seed: 4, episodes: 2, slots: 25, devices: 7, policy: 'random' });
  });

  for (const type of ['channel.evolved', 'traffic.arrived', 'task.assigned']) {
    it(`adding a 7th device leaves devices 0-5's ${type} payloads identical`, () => {
      const a = perUser(base.records, type, 6);
      const b = perUser(more.records, type, 6);
      const perEpisode = type === 'task.assigned' ? 1 : 25;
      for (const xs of a) expect(xs).toHaveLength(2 * perEpisode);
      expect(b).toEqual(a);
    });
  }

  it('device 0 alone (D = 1) draws the same channel and traffic as device 0 of six', () => {
    const solo = runToscn({ seed: 4, episodes: 2, slots: 25, devices: 1 });
    expect(perUser(solo.records, 'channel.evolved', 1)).toEqual(perUser(base.records, 'channel.evolved', 1));
    expect(perUser(solo.records, 'traffic.arrived', 1)).toEqual(perUser(base.records, 'traffic.arrived', 1));
  });

  it('the streams are really per device and per episode: no two devices or episodes repeat', () => {
    const fading = perUser(base.records, 'channel.evolved', 6).map((xs) => xs.map((p) => (p as { fading: number }).fading));
    expect(new Set(fading.map((xs) => xs[0])).size).toBe(6);
    for (const xs of fading) expect(xs.slice(0, 25)).not.toEqual(xs.slice(25));
  });
});
