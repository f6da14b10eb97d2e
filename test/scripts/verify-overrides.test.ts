import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/agents/common/backend.ts';
import { Dqn } from '../../src/agents/rl/dqn/dqn.ts';
import { CartPole } from '../../src/envs/cartpole.ts';
import { RootRandom } from '../../src/random/index.ts';
import { checkOverrideFields, parseOverrides, UsageError } from '../../scripts/verify/overrides.ts';

beforeAll(async () => {
  await initBackend();
});

describe('verify:agents --config', () => {
  it('parses a JSON object and rejects anything else with a UsageError', () => {
    expect(parseOverrides('{"learningRate":0.001,"gamma":0.9}')).toEqual({ learningRate: 0.001, gamma: 0.9 });
    for (const bad of ['[1]', '3', 'null', 'nope', undefined]) expect(() => parseOverrides(bad)).toThrow(UsageError);
  });

  it('accepts fields of the agent config and names a misspelt one', () => {
    const probe = () => new Dqn(new CartPole(), { hiddenSizes: [8] }, new RootRandom(0));
    expect(() => checkOverrideFields(probe, 'dqn', { learningRate: 1e-3, doubleQ: true })).not.toThrow();
    expect(() => checkOverrideFields(probe, 'dqn', { learningRat: 1e-3 })).toThrow(/dqn has no config field 'learningRat'/);
  });
});
