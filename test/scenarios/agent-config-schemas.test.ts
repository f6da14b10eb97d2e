/** Every built-in agent's config is checked by a schema (issue 17: agent configs validated per agent). */
import { describe, expect, it } from 'vitest';
import { findScenario, scenarioKinds } from '../../src/scenarios/registry.ts';

const entries = scenarioKinds().flatMap((kind) => Object.entries(findScenario(kind)!.agents).map(([name, entry]) => [`${kind}/${name}`, entry] as const));

describe('agent config schemas', () => {
  it.each(entries)('%s: a config object comes with a schema its defaults pass', (_id, entry) => {
    if (entry.config === undefined) return expect(entry.configSchema).toBeUndefined();
    expect(entry.configSchema, 'configSchema').toBeDefined();
    expect(entry.configSchema!.safeParse(entry.config).success).toBe(true);
    // Strict: a key the defaults do not have is an error, not silently ignored.
    expect(entry.configSchema!.safeParse({ ...entry.config, notAField: 1 }).success).toBe(false);
  });

  it.each(entries.filter(([, e]) => e.config !== undefined))('%s: every numeric field has a bound that rejects an absurd value', (_id, entry) => {
    const defaults = entry.config as Record<string, unknown>;
    for (const [key, value] of Object.entries(defaults)) {
      if (typeof value !== 'number') continue;
      const tooBig = entry.configSchema!.safeParse({ ...defaults, [key]: 1e30 });
      const tooSmall = entry.configSchema!.safeParse({ ...defaults, [key]: -1e30 });
      expect(tooBig.success && tooSmall.success, `${key} accepts both 1e30 and -1e30`).toBe(false);
      expect(entry.configSchema!.safeParse({ ...defaults, [key]: Number.NaN }).success, `${key} accepts NaN`).toBe(false);
    }
  });
});
