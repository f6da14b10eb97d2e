import { describe, expect, it } from 'vitest';
import { DEFAULT_SEEDS, describeSeeds, parseVerifyArgs, seedsOf } from '../../scripts/verify/args.ts';
import { UsageError } from '../../scripts/verify/overrides.ts';

const plain = { algo: 'sac' };
const bimodal = { algo: 'dqn', defaultSeeds: 10 };

describe('verify:agents arguments', () => {
  it('runs each case on its own default seed count unless --seeds is given', () => {
    const args = parseVerifyArgs([]);
    expect(args.seeds).toBeUndefined();
    expect(seedsOf(plain, args)).toEqual([0, 1, 2]);
    expect(DEFAULT_SEEDS).toBe(3);
    expect(seedsOf(bimodal, args)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const four = parseVerifyArgs(['--seeds', '4', '--first-seed', '100']);
    expect(seedsOf(plain, four)).toEqual([100, 101, 102, 103]);
    expect(seedsOf(bimodal, four)).toEqual([100, 101, 102, 103]);
  });

  it('describes the seed range of every case for the header', () => {
    expect(describeSeeds([bimodal, plain], parseVerifyArgs(['--first-seed', '5']))).toBe('dqn seeds 5-14, sac seeds 5-7');
  });

  it('parses --only and --config', () => {
    const args = parseVerifyArgs(['--only', 'dqn,d3qn', '--config', '{"learningRate":1e-3}']);
    expect([...(args.only ?? [])]).toEqual(['dqn', 'd3qn']);
    expect(args.overrides).toEqual({ learningRate: 1e-3 });
    expect(args.backend).toBe('auto');
    expect(parseVerifyArgs(['--backend', 'cpu']).backend).toBe('cpu');
  });

  it('rejects bad flags with a UsageError naming the flag', () => {
    expect(() => parseVerifyArgs(['--seeds', '0'])).toThrow(UsageError);
    expect(() => parseVerifyArgs(['--seeds', '2.5'])).toThrow(/--seeds must be a positive integer, got 2.5/);
    expect(() => parseVerifyArgs(['--first-seed', '-1'])).toThrow(/--first-seed must be an integer/);
    expect(() => parseVerifyArgs(['--seed', '3'])).toThrow(/unknown argument '--seed'/);
    expect(() => parseVerifyArgs(['--backend', 'gpu'])).toThrow(/--backend must be one of auto, wasm, cpu, node, got "gpu"/);
    // A range that only the case's default would push past 2^31 is refused before training.
    expect(() => seedsOf(bimodal, parseVerifyArgs(['--first-seed', String(2 ** 31 - 5)]))).toThrow(/leaves no room for 10 seeds/);
  });
});
