import { describe, expect, it } from 'vitest';
import { MetricsCollector, type EpisodeMetrics } from '../../src/run/episode-metrics.ts';
import { summariseBreakdowns } from '../../src/run/episode-loops.ts';
import type { SlotScheduler } from '../../src/scheduler/index.ts';
import type { MetricSpec } from '../../src/scenarios/plugin.ts';

/** A scheduler stand-in that lets the test emit `reward.computed` metrics slot by slot. */
function fakeScheduler(): { scheduler: SlotScheduler; slot: (metrics: Record<string, number>) => void } {
  let handler: (event: unknown) => void = () => {};
  const scheduler = { on: (_types: unknown, cb: (event: unknown) => void) => (handler = cb) } as unknown as SlotScheduler;
  return { scheduler, slot: (metrics) => handler({ type: 'reward.computed', payload: { metrics } }) };
}

const specs: MetricSpec[] = [
  { name: 'served', unit: 'packets', description: '', perEpisode: 'sum', breakdown: 'device' },
  { name: 'level', unit: 'level', description: '', perEpisode: 'mean', breakdown: 'device' },
  { name: 'aoi', unit: 's', description: '', perEpisode: 'last', breakdown: 'device' },
  { name: 'reward', unit: 'r', description: '', perEpisode: 'sum' },
];

describe('MetricsCollector breakdowns', () => {
  it('aggregates <metric>/<entity> keys like their metric (sum, mean over slots, last)', () => {
    const { scheduler, slot } = fakeScheduler();
    const c = new MetricsCollector(scheduler, specs);
    slot({ served: 3, 'served/0': 1, 'served/1': 2, level: 1, 'level/0': 1, 'level/1': 1, reward: 1 });
    slot({ served: 5, 'served/0': 4, 'served/1': 1, level: 2, 'level/0': 3, 'level/1': 1, reward: 2, aoi: 0.5, 'aoi/0': 0.4, 'aoi/1': 0.6 });
    const m = c.episode();
    expect(m.breakdown).toEqual({ served: { 0: 5, 1: 3 }, level: { 0: 2, 1: 1 }, aoi: { 0: 0.4, 1: 0.6 } });
    expect(m.values).toMatchObject({ served: 8, level: 1.5, aoi: 0.5, reward: 3 });
    c.clear();
    expect(c.episode().breakdown).toEqual({ served: {}, level: {}, aoi: {} });
  });
});

describe('summariseBreakdowns', () => {
  const episode = (aoi: Record<string, number>): EpisodeMetrics => ({ values: {}, violations: 0, slots: 1, perSlot: {}, breakdown: { aoi } });

  it('averages each entity over a seed\'s episodes, then gives an interval over seeds; a missing entity is averaged where present', () => {
    const bySeed = [
      [episode({ 2: 1, 10: 4 }), episode({ 2: 3 })],
      [episode({ 2: 5, 10: 6 }), episode({ 2: 7, 10: 8 })],
    ];
    const s = summariseBreakdowns(['aoi'], bySeed);
    expect(Object.keys(s.aoi)).toEqual(['2', '10']);
    expect(s.aoi['2'].mean).toBe((2 + 6) / 2);
    expect(s.aoi['2'].n).toBe(2);
    // Entity 10: seed 0 has it once (4), seed 1 twice (mean 7).
    expect(s.aoi['10'].mean).toBe((4 + 7) / 2);
  });
});
