import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/scenarios/errors.ts';
import { loadScenario, validateScenario } from '../../../src/scenarios/loader.ts';

describe('multicell-ee scenario files', () => {
  it.each([
    ['scenarios/multicell-ee-3.yaml', 3],
    ['scenarios/multicell-ee-7.yaml', 7],
  ])('%s is valid and every physical value is the schema default (the file only documents them)', (path, cells) => {
    const { budgetPresets, agents, name: _n, description: _d, cells: c, ...file } = loadScenario(path).file as unknown as Record<string, any>;
    const { budgetPresets: _p, agents: _a, name: _n2, description: _d2, cells: c2, ...defaults } = validateScenario({ scenario: 'multicell-ee' }).file as unknown as Record<string, any>;
    expect(file).toEqual(defaults);
    expect(c).toEqual({ ...c2, count: cells });
    expect(Object.keys(budgetPresets)).toEqual(['default', 'paper']);
    expect(agents).toEqual(['drqn', 'dqn', 'dqn-no-energy', 'greedy', 'random']);
  });

  it.each([
    [{ control: { fallbackPowerLevel: 7 } }, /control\.fallbackPowerLevel: must be a power level 0\.\.6/],
    [{ control: { fallbackSymbols: 20 } }, /control\.fallbackSymbols: must be in 1\.\.19/],
    [{ cells: { count: 3 }, control: { decisionDelay_slots: [0, 1] } }, /control\.decisionDelay_slots: one delay per cell: 3 values, got 2/],
    [{ semantic: { similarity: { model: 'table', ks: [1, 2], sinr_db: [0, 10], values: [[0.5, 0.6]] } } }, /semantic\.similarity\.values: one row per k/],
    [{ semantic: { similarity: { model: 'logistic', fits: [{ k: 4, a1: 0.9, a2: 0.5, c1: 1, c2: 0 }] } } }, /fits\.0\.a2: A2 must be >= A1/],
    [{ power: { levels: 1 } }, /power\.levels/],
  ])('rejects %j naming the field', (extra, message) => {
    expect(() => validateScenario({ scenario: 'multicell-ee', ...extra })).toThrow(InputError);
    expect(() => validateScenario({ scenario: 'multicell-ee', ...extra })).toThrow(message);
  });
});
