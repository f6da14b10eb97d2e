import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GreedyCompressionBaseline, safeCompression } from '../../../../src/scenarios/toscn/baselines/greedy-compression.ts';
import { allocationFromAction, buildObservation } from '../../../../src/scenarios/toscn/logic.ts';
import { toscnParams, toscnSpec } from './fixtures.ts';

/** 003 Table III, written out here rather than imported. */
const TABLE_III = [
  { a1: -0.633, a2: 15.408, a3: 0.925 },
  { a1: -0.639, a2: 19.136, a3: 0.901 },
  { a1: -0.737, a2: 12.474, a3: 0.917 },
];
const accuracy = (c: { a1: number; a2: number; a3: number }, eta: number): number => c.a1 * eta ** c.a2 + c.a3;

describe('safeCompression', () => {
  it('inverts eq. 21 by hand: eta* = ((A_min - a3) / a1)^(1/a2)', () => {
    const cifar = TABLE_III[2];
    const eta = safeCompression(cifar, 0.7, 0.95);
    expect(eta).toBeCloseTo((0.217 / 0.737) ** (1 / 12.474), 12); // about 0.9066
    expect(accuracy(cifar, eta)).toBeCloseTo(0.7, 12);
  });

  it('caps at the largest compression, gives 0 when the floor is out of reach, and handles non-falling curves', () => {
    expect(safeCompression(TABLE_III[0], 0.3, 0.95)).toBe(0.95); // MNIST at eta = 0.95 is still 0.646
    expect(safeCompression(TABLE_III[0], 0.93, 0.95)).toBe(0); // a3 = 0.925 < 0.93
    expect(safeCompression({ a1: 0, a2: 1, a3: 0.8 }, 0.7, 0.9)).toBe(0.9);
    expect(safeCompression({ a1: 0, a2: 1, a3: 0.6 }, 0.7, 0.9)).toBe(0);
  });
});

describe('GreedyCompressionBaseline', () => {
  const stateArb = fc.record({
    D: fc.integer({ min: 1, max: 8 }),
    tasks: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 8, maxLength: 8 }),
    queues: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 8, maxLength: 8 }),
    log10Gain: fc.array(fc.double({ min: -12, max: -8, noNaN: true }), { minLength: 8, maxLength: 8 }),
    packetMbit: fc.double({ min: 0.2, max: 3, noNaN: true }),
    floor: fc.double({ min: 0.6, max: 0.9, noNaN: true }),
  });

  it('keeps every device at or above A_min whichever present task it has (worst case over tasks present)', () => {
    fc.assert(
      fc.property(stateArb, ({ D, tasks, queues, log10Gain, packetMbit, floor }) => {
        const p = toscnParams({
          devices: { count: D, redrawEachEpisode: true },
          packet: { size_bits: packetMbit * 1e6 },
          accuracy: { floor, maxCompression: 0.95 },
        });
        const t = tasks.slice(0, D);
        const q = queues.slice(0, D);
        const obs = Float32Array.from(buildObservation(t, log10Gain.slice(0, D).map((x) => 10 ** x), q, p));
        const action = new GreedyCompressionBaseline(toscnSpec(p), p).act(obs, false).continuous!;
        const { compression } = allocationFromAction(action, p);
        const present = [...new Set(t)].map((j) => TABLE_III[j]);
        compression.forEach((eta, u) => {
          // Only tasks present in the cell can be a device's task; each must stay above the floor.
          for (const c of present) if (c.a3 >= floor) expect(accuracy(c, eta)).toBeGreaterThanOrEqual(floor);
          // A floor no compression can meet leaves eta at 0; so does an empty queue.
          if (present.some((c) => c.a3 < floor) || q[u] === 0) expect(eta).toBe(0);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('does not compress when the budget already carries every queued packet', () => {
    const p = toscnParams();
    const obs = Float32Array.from(buildObservation([0, 1, 2, 0, 1, 2], [1e-8, 1e-9, 1e-9, 1e-8, 1e-9, 1e-8], [6, 6, 6, 6, 6, 6], p));
    const action = new GreedyCompressionBaseline(toscnSpec(p), p).act(obs, false).continuous!;
    expect(allocationFromAction(action, p).compression).toEqual(new Array(6).fill(0));
  });

  it('compresses up to the floor of the worst task present when packets are large', () => {
    // One device, a CIFAR-10 task, 6 packets of 1.6 Mbit and a weak link: more compression only helps.
    const p = toscnParams({ devices: { count: 1, redrawEachEpisode: true }, packet: { size_bits: 1.6e6 } });
    const obs = Float32Array.from(buildObservation([2], [1e-11], [6], p));
    const eta = allocationFromAction(new GreedyCompressionBaseline(toscnSpec(p), p).act(obs, false).continuous!, p).compression[0];
    const etaStar = (0.217 / 0.737) ** (1 / 12.474);
    expect(eta).toBeLessThanOrEqual(etaStar);
    expect(eta).toBeGreaterThan(0.5);
  });
});

describe('GreedyCompressionBaseline without task counts', () => {
  it('guards the floor for every task when the observation names none', () => {
    const p = toscnParams({ packet: { size_bits: 1.6e6 } });
    const obs = Float32Array.from(buildObservation([0, 0, 0, 0, 0, 0], new Array(6).fill(1e-11), new Array(6).fill(6), p));
    obs.fill(0, 0, 3);
    const { compression } = allocationFromAction(new GreedyCompressionBaseline(toscnSpec(p), p).act(obs, false).continuous!, p);
    for (const eta of compression) for (const c of TABLE_III) expect(accuracy(c, eta)).toBeGreaterThanOrEqual(0.7);
    expect(Math.max(...compression)).toBeGreaterThan(0.5);
  });
});
