import { describe, expect, it } from 'vitest';
import { box, discrete, hybrid, multiDiscrete } from '../../src/agents/common/spaces.ts';
import { EpisodeAccumulator, normalisedComponents, trainingCsv } from '../../src/run/training-log.ts';

describe('training log', () => {
  it('scales every action component to [-1, 1]: box by its bounds, discrete choice i of n as 2i/(n-1)-1', () => {
    const space = hybrid(box(2, [0, -2], [4, 2]), multiDiscrete([5, 1]));
    expect(normalisedComponents(space, { continuous: Float32Array.of(4, -1), discrete: Int32Array.of(1, 0) })).toEqual([1, -0.5, -0.5, 0]);
    expect(normalisedComponents(discrete(3), { discrete: Int32Array.of(2) })).toEqual([1]);
  });

  it('aggregates an episode: action mean, std and saturation, update means; a schedule stat is logged once', () => {
    const acc = new EpisodeAccumulator();
    const space = box(1, -1, 1);
    for (const a of [1, -1, 0, 0.5]) acc.action(space, { continuous: Float32Array.of(a) });
    acc.update({ loss: 2, epsilon: 0.5 });
    acc.update({ loss: 4, epsilon: 0.4 });
    const row = acc.finish(3, 10, 4, { epsilon: 0.4 }, { reward: 10 });
    expect(row.action.mean).toBeCloseTo(0.125, 12);
    expect(row.action.std).toBeCloseTo(Math.sqrt((1 + 1 + 0 + 0.25) / 4 - 0.125 ** 2), 12);
    expect(row.action.saturation).toBe(0.5);
    expect(row.losses).toEqual({ loss: 3 });
    expect(row).toMatchObject({ episode: 3, return: 10, slots: 4, updates: 2, stats: { epsilon: 0.4 } });
  });

  it('writes one CSV row per episode with the documented columns; an episode without updates leaves its update cells empty', () => {
    const rows = [0, 1, 2].map((e) => {
      const acc = new EpisodeAccumulator();
      acc.action(discrete(2), { discrete: Int32Array.of(e % 2) });
      if (e > 0) acc.update({ critic: e, actor: -e });
      return acc.finish(e, 5 * e, 10, { learningRate: 1e-3 }, { reward: 5 * e, delivered: e });
    });
    const lines = trainingCsv(rows).trim().split('\n');
    expect(lines).toHaveLength(1 + 3);
    expect(lines[0]).toBe('episode,return,slots,updates,update_critic,update_actor,learningRate,action_mean,action_std,action_saturation,metric_reward,metric_delivered');
    expect(lines[1]).toBe('0,0,10,0,,,0.001,-1,0,1,0,0');
    expect(lines[3]).toBe('2,10,10,1,2,-2,0.001,-1,0,1,10,2');
  });
});
