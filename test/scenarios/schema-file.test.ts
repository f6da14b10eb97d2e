import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, scenarioJsonSchema } from '../../src/scenarios/loader.ts';

describe('scenario files', () => {
  it('scenario.schema.json matches the zod schema (regenerate with `npx semsim schema > scenario.schema.json`)', () => {
    expect(JSON.parse(readFileSync('scenario.schema.json', 'utf8'))).toEqual(scenarioJsonSchema());
  });

  it.each(['scenarios/toscn.yaml', 'scenarios/toscn-scarce.yaml'])('%s is valid', (file) => {
    expect(loadScenario(file).file.scenario).toBe('toscn');
  });

  it('every field of toscn.yaml has the paper default the schema gives (the file only documents them)', () => {
    const { budgetPresets: _p, agents: _a, name: _n, description: _d, ...file } = loadScenario('scenarios/toscn.yaml').file as unknown as Record<string, unknown>;
    const { budgetPresets: _p2, agents: _a2, name: _n2, description: _d2, ...defaults } = loadScenario('test/scenarios/minimal-toscn.yaml').file as unknown as Record<string, unknown>;
    expect(file).toEqual({ ...defaults, run: { ...(defaults.run as object), evalEpisodes: 50 } });
  });
});
