import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TargetRefresh, TrainRounds } from '../../../src/agents/common/train-schedule.ts';

describe('TrainRounds', () => {
  it('asked after every step, trains exactly when SB3 does: t % trainFreq == 0 and t > learningStarts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 30 }), (trainFreq, learningStarts) => {
        const rounds = new TrainRounds(trainFreq, learningStarts);
        for (let t = 1; t <= 80; t++) expect(rounds.due(t, t)).toBe(t % trainFreq === 0 && t > learningStarts);
      }),
    );
  });

  it('skips a round that ended during warm-up instead of catching it up', () => {
    const rounds = new TrainRounds(4, 5);
    // Round 1 ends at step 4, inside warm-up; step 6 is past warm-up but still in round 1.
    expect([4, 5, 6, 7].map((t) => rounds.due(t, 10))).toEqual([false, false, false, false]);
    expect(rounds.due(8, 10)).toBe(true);
  });

  it('catches up once when asked late, and waits for data in replay without losing the round', () => {
    const late = new TrainRounds(3, 0);
    expect(late.due(10, 5)).toBe(true);
    expect(late.due(11, 5)).toBe(false);
    expect(late.due(12, 5)).toBe(true);
    const empty = new TrainRounds(2, 0);
    expect(empty.due(2, 0)).toBe(false);
    expect(empty.due(3, 1)).toBe(true);
    expect(empty.due(3, 1)).toBe(false);
  });
});

describe('TargetRefresh', () => {
  it('asked after every step, refreshes at the multiples of the interval', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (interval) => {
        const refresh = new TargetRefresh(interval);
        for (let t = 0; t <= 60; t++) expect(refresh.due(t)).toBe(t > 0 && t % interval === 0);
      }),
    );
  });

  it('asked late, refreshes once and keeps the later refreshes on the multiples', () => {
    const refresh = new TargetRefresh(3);
    expect([7, 8, 9, 10, 11, 12].map((t) => refresh.due(t))).toEqual([true, false, true, false, false, true]);
  });
});
