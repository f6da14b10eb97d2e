import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/loader.ts';
import { findScenario, registerScenario, scenarioKinds } from '../../src/scenarios/registry.ts';

describe('parseScenario: agents are checked against the scenario catalogue', () => {
  it('accepts toscn with its own agents and their config fields', () => {
    const { plugin, file } = parseScenario('scenario: toscn\nagents: [ddpg, planner]\nagentConfig: { ddpg: { actorLearningRate: 1e-4 } }\n');
    expect(plugin.kind).toBe('toscn');
    expect(file.agents).toEqual(['ddpg', 'planner']);
  });

  it('rejects agent names the scenario does not have, naming the entry and the allowed names', () => {
    expect(() => parseScenario('scenario: toscn\nagents: [ddpg, sac, td3]\n', 'f.yaml')).toThrow(/agents\.1: unknown agent 'sac' for scenario toscn; allowed: ddpg, a2c/);
  });

  it('rejects an unknown agent config key with its field path', () => {
    expect(() => parseScenario('scenario: toscn\nagentConfig: { ddpg: { learningrate: 0.1 } }\n', 'f.yaml')).toThrow(
      /agentConfig\.ddpg\.learningrate: unknown config field of agent 'ddpg'; allowed: .*actorLearningRate/,
    );
    expect(() => parseScenario('scenario: toscn\nagentConfig: { sac: {} }\n')).toThrow(/agentConfig\.sac: unknown agent 'sac'/);
  });

  it('rejects an empty agent list and an unknown or inherited scenario kind', () => {
    expect(() => parseScenario('scenario: toscn\nagents: []\n')).toThrow(/agents/);
    expect(() => parseScenario('scenario: relay\n')).toThrow(/scenario: must be one of toscn/);
    expect(() => parseScenario('scenario: constructor\n')).toThrow(/scenario: must be one of/);
  });

  it.each([
    ['agentConfig: { __proto__: { ddpg: { gamma: 2 } } }', 'agentConfig.__proto__'],
    ['agentConfig: { ddpg: { __proto__: { gamma: 2 } } }', 'agentConfig.ddpg.__proto__'],
    ['budgetPresets: { __proto__: { episodes: 2 } }', 'budgetPresets.__proto__'],
    ['tasks: [{ a1: -0.6, a2: 15, a3: 0.9, __proto__: { a1: 5 } }]', 'tasks.0.__proto__'],
  ])('rejects a __proto__ key anywhere, naming its path (records would drop it silently): %s', (line, path) => {
    expect(() => parseScenario(`scenario: toscn\nagents: [ddpg]\n${line}\n`, 'f.yaml')).toThrow(`${path}: '__proto__' is not a field name`);
  });
});

describe('scenario registry', () => {
  it('lists toscn and refuses a second plug-in of the same kind or one without a reward metric', () => {
    expect(scenarioKinds()).toContain('toscn');
    const toscn = findScenario('toscn')!;
    expect(() => registerScenario(toscn)).toThrow(/already registered/);
    expect(() => registerScenario({ ...toscn, kind: 'no-reward', metrics: [] })).toThrow(/must include 'reward'/);
    expect(findScenario('toString')).toBeUndefined();
  });
});
