import { describe, expect, it } from 'vitest';
import { trainingSpread, trainingSpreadMarkdown } from '../../src/run/training-spread.ts';

describe('training-seed spread', () => {
  // Three training runs, two evaluation seeds each: run means 2, 4 and 6 (hand-computed).
  const runs = [
    [{ reward: 1 }, { reward: 3 }],
    [{ reward: 4 }, { reward: 4 }],
    [{ reward: 5 }, { reward: 7 }],
  ];

  it('averages each run over its evaluation seeds, then takes a t interval over runs', () => {
    const s = trainingSpread(['reward'], runs);
    expect(s.runs).toBe(3);
    expect(s.perRun.reward).toEqual([2, 4, 6]);
    // mean 4, sample sd 2, half width t(2) * 2 / sqrt(3) = 4.303 * 1.1547 = 4.9687.
    expect(s.spread.reward.mean).toBe(4);
    expect(s.spread.reward.ci95[1] - 4).toBeCloseTo((4.303 * 2) / Math.sqrt(3), 10);
  });

  it('reports only agents trained more than once', () => {
    const metrics = [{ name: 'reward', unit: '1', description: 'r', perEpisode: 'sum' as const }];
    expect(trainingSpreadMarkdown({ a: trainingSpread(['reward'], runs.slice(0, 1)) }, metrics)).toBe('');
    const md = trainingSpreadMarkdown({ a: trainingSpread(['reward'], runs) }, metrics);
    expect(md).toContain('| a | 3 | 4.00 [');
    expect(md).toContain('2.00, 4.00, 6.00');
  });
});
