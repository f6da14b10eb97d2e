import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SequenceReplay } from '../../../src/agents/common/sequence-replay.ts';
import { RootRandom } from '../../../src/random/index.ts';

/**
 * Model: transition number g (global, from 0) is stored with observation [g, episode] and
 * next observation [g + 0.5, episode], so every sampled step can be traced back to its origin.
 */
function fill(replay: SequenceReplay, episodeLengths: number[]) {
  const origin: { episode: number; indexInEpisode: number }[] = [];
  let g = 0;
  episodeLengths.forEach((len, e) => {
    for (let i = 0; i < len; i++) {
      const last = i === len - 1;
      replay.add([g, e], [g % 7], g, [g + 0.5, e], last && e % 2 === 0, last && e % 2 === 1);
      origin.push({ episode: e, indexInEpisode: i });
      g++;
    }
  });
  return origin;
}

describe('SequenceReplay', () => {
  it('never crosses an episode boundary, keeps steps consecutive and windows maximal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 3, max: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(1000),
        (lengths, capacity, L, seed) => {
          const replay = new SequenceReplay({ capacity, observationSize: 2, actionSize: 1, sequenceLength: L });
          const origin = fill(replay, lengths);
          const total = origin.length;
          const firstStored = Math.max(0, total - capacity);
          const batch = replay.sample(16, new RootRandom(seed).stream('t'));
          for (let r = 0; r < 16; r++) {
            const gs: number[] = [];
            let seenPad = false;
            for (let t = 0; t < L; t++) {
              const k = r * L + t;
              if (batch.mask[k] === 0) {
                seenPad = true;
                expect(batch.observations[2 * k]).toBe(0);
                expect(batch.slots[k]).toBe(-1);
                continue;
              }
              expect(seenPad).toBe(false); // real steps are a prefix
              const g = batch.observations[2 * k];
              expect(batch.nextObservations[2 * k]).toBe(g + 0.5);
              expect(batch.rewards[k]).toBe(g);
              expect(batch.actions[k]).toBe(g % 7);
              gs.push(g);
            }
            expect(gs.length).toBeGreaterThan(0);
            const ep = origin[gs[0]].episode;
            gs.forEach((g, i) => {
              expect(g).toBe(gs[0] + i);
              expect(g).toBeGreaterThanOrEqual(firstStored);
              expect(origin[g].episode).toBe(ep);
            });
            // Terminal flags only on the last step of even episodes (odd ones are truncated).
            const lastK = r * L + gs.length - 1;
            const lastG = gs[gs.length - 1];
            const isEpisodeEnd = lastG === total - 1 || origin[lastG + 1].episode !== ep;
            expect(batch.terminated[lastK]).toBe(isEpisodeEnd && ep % 2 === 0 ? 1 : 0);
            // Maximal: shorter than L only when the episode start or the stored history stops it.
            const first = gs[0];
            const episodeStart = first - origin[first].indexInEpisode;
            if (gs.length < L) expect(first === episodeStart || first === firstStored).toBe(true);
            expect(batch.startsEpisode[r]).toBe(first === episodeStart ? 1 : 0);
          }
        },
      ),
    );
  });

  it('samples every stored transition as a sequence end, roughly uniformly', () => {
    const replay = new SequenceReplay({ capacity: 50, observationSize: 2, actionSize: 1, sequenceLength: 4 });
    fill(replay, [10, 10, 10, 10, 10]);
    const counts = new Array(50).fill(0);
    const random = new RootRandom(3).stream('t');
    for (let i = 0; i < 200; i++) {
      const b = replay.sample(50, random);
      for (let r = 0; r < 50; r++) {
        let last = 0;
        for (let t = 0; t < 4; t++) if (b.mask[r * 4 + t] === 1) last = b.observations[2 * (r * 4 + t)];
        counts[last]++;
      }
    }
    // 10000 draws over 50 ends: expected 200 each, sd ~14.
    for (const c of counts) expect(Math.abs(c - 200)).toBeLessThan(70);
  });

  it('endEpisode splits an episode that had no terminal flag', () => {
    const replay = new SequenceReplay({ capacity: 10, observationSize: 1, actionSize: 1, sequenceLength: 3 });
    replay.add([0], [0], 0, [0], false, false);
    replay.endEpisode();
    replay.add([1], [0], 0, [0], false, false);
    expect(replay.episodeOf(0)).not.toBe(replay.episodeOf(1));
  });

  it('validates its inputs', () => {
    expect(() => new SequenceReplay({ capacity: 0, observationSize: 1, actionSize: 1, sequenceLength: 1 })).toThrow(RangeError);
    const replay = new SequenceReplay({ capacity: 4, observationSize: 2, actionSize: 1, sequenceLength: 2 });
    expect(() => replay.sample(1, new RootRandom(1).stream('t'))).toThrow(/empty/);
    expect(() => replay.add([1], [0], 0, [1, 2], false, false)).toThrow(RangeError);
  });
});
