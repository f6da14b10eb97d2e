import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/run/sweep/errors.ts';
import { applySets, getPath, parsePath, parseSet } from '../../../src/run/sweep/set-path.ts';

describe('--set path=value', () => {
  const base = { scenario: 'toscn', budgets: { bandwidth_mhz: 3, power_w: 0.2 }, tasks: [{ a1: 1 }, { a1: 2 }], agents: ['ddpg'] };

  it('reads values as YAML scalars, lists and mappings', () => {
    expect(parseSet('budgets.bandwidth_mhz=4')).toEqual({ path: ['budgets', 'bandwidth_mhz'], value: 4 });
    expect(parseSet('devices.redrawEachEpisode=false').value).toBe(false);
    expect(parseSet('channel.rho=null').value).toBeNull();
    expect(parseSet('channel.rho=').value).toBeNull();
    expect(parseSet('name=my run').value).toBe('my run');
    expect(parseSet('agents=[random, planner]').value).toEqual(['random', 'planner']);
    expect(parseSet('control.decisionDelay={slots: 2}').value).toEqual({ slots: 2 });
    expect(parseSet('name=a=b').value).toBe('a=b');
  });

  it.each(['budgets', '=4', 'a..b=1', '.a=1', 'a.=1'])('rejects %j with an InputError', (text) => {
    expect(() => parseSet(text)).toThrow(InputError);
  });

  it('sets nested fields, list elements and whole lists without touching the input', () => {
    const out = applySets(base, ['budgets.bandwidth_mhz=8', 'tasks.1.a1=-0.5', 'agents=[random]']);
    expect(out.budgets).toEqual({ bandwidth_mhz: 8, power_w: 0.2 });
    expect(out.tasks).toEqual([{ a1: 1 }, { a1: -0.5 }]);
    expect(out.agents).toEqual(['random']);
    expect(base.budgets.bandwidth_mhz).toBe(3);
    expect(base.tasks[1].a1).toBe(2);
  });

  it('creates fields the base leaves at their defaults, and applies overrides in order', () => {
    const out = applySets(base, [{ path: ['run', 'evalEpisodes'], value: 2 }, 'run.evalEpisodes=3', 'tasks.2.a1=7']);
    expect(out.run).toEqual({ evalEpisodes: 3 });
    expect(out.tasks).toHaveLength(3);
  });

  it('names the problem when the path cannot be set', () => {
    expect(() => applySets(base, ['budgets.bandwidth_mhz.x=1'])).toThrow(/'budgets.bandwidth_mhz' is 3, not a mapping or list/);
    expect(() => applySets(base, ['tasks.x=1'])).toThrow(/'tasks' is a list; use an index 0\.\.1/);
    expect(() => applySets(base, ['tasks.5.a1=1'])).toThrow(/index 5 out of range; 'tasks' has 2 element/);
  });

  it('sets own fields only: __proto__ is refused and inherited names (toString) become plain fields', () => {
    expect(() => applySets(base, ['__proto__.polluted=1'])).toThrow(/--set __proto__.polluted: '__proto__' is not a field name/);
    expect(() => applySets(base, ['budgets.__proto__.polluted=1'])).toThrow(InputError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const out = applySets(base, ['toString.x=1', 'constructor.prototype.y=2']);
    expect(out.toString).toEqual({ x: 1 });
    expect(out.constructor).toEqual({ prototype: { y: 2 } });
    expect(({} as Record<string, unknown>).y).toBeUndefined();
  });

  it('reads paths back', () => {
    expect(getPath(base, ['budgets', 'power_w'])).toBe(0.2);
    expect(getPath(base, ['tasks', '0', 'a1'])).toBe(1);
    expect(getPath(base, ['budgets', 'nope'])).toBeUndefined();
    expect(parsePath('a.b.0')).toEqual(['a', 'b', '0']);
  });
});
