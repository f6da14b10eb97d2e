import { describe, expect, it } from 'vitest';
import { box } from '../../src/agents/common/spaces.ts';
import type { Action } from '../../src/agents/common/spaces.ts';
import { checkEnv, checkParallelEnv } from '../../src/envs/check-env.ts';
import { SimParallelEnv } from '../../src/envs/sim-parallel-env.ts';
import type { Env } from '../../src/envs/types.ts';
import { toscnPlugin } from '../../src/scenarios/registry.ts';
import { toscnEnv, toscnParams } from '../actors/toscn-run.ts';

/** A tiny, correct single-agent environment: x moves by the action; 5-step episodes. */
class Walk implements Env {
  readonly observationSpace = box(1, -10, 10);
  readonly actionSpace = box(1, -1, 1);
  protected x = 0;
  protected t = 0;
  protected done = true;
  reset(): { observation: Float32Array; info: Record<string, unknown> } {
    this.x = 0;
    this.t = 0;
    this.done = false;
    return { observation: Float32Array.of(this.x), info: {} };
  }
  step(action: Action) {
    if (this.done) throw new Error('reset first');
    const a = action.continuous;
    if (!a || a.length !== 1 || !Number.isFinite(a[0])) throw new RangeError('bad action');
    this.x += a[0];
    this.t++;
    this.done = this.t === 5;
    const info: Record<string, number> = { t: this.t };
    return { observation: Float32Array.of(this.x), reward: -Math.abs(this.x), terminated: false, truncated: this.done, info };
  }
}

describe('checkEnv', () => {
  it('passes the toscn SimEnv over 1000 steps (two environments, same seeds)', () => {
    const params = toscnParams({ slots: 10, devices: 3 });
    const report = checkEnv(() => toscnEnv(params));
    expect(report).toMatchObject({ steps: 1000, episodes: 100, problems: [] });
  });

  it('passes the toscn SimParallelEnv with checkParallelEnv', () => {
    const params = toscnParams({ slots: 7, devices: 2 });
    expect(checkParallelEnv(() => new SimParallelEnv(toscnPlugin, params), { steps: 1000 }).problems).toEqual([]);
  });

  it('passes a correct hand-written environment', () => {
    expect(checkEnv(() => new Walk(), { steps: 50 }).problems).toEqual([]);
  });

  it('reports an environment that accepts NaN, is not deterministic, changes info keys and steps past truncation', () => {
    let calls = 0;
    class Broken extends Walk {
      override step(action: Action) {
        if (this.done) this.done = false; // never refuses a step after truncation
        this.x += Number.isNaN(action.continuous![0]) ? 0 : action.continuous![0] + (calls++ % 2) * 1e-3;
        this.t++;
        this.done = this.t % 5 === 0;
        return { observation: Float32Array.of(this.x), reward: 0, terminated: false, truncated: this.done, info: (this.t > 2 ? { t: this.t } : {}) as Record<string, number> };
      }
    }
    const { problems } = checkEnv(() => new Broken(), { steps: 20, throwOnProblem: false });
    const text = problems.join('\n');
    expect(text).toMatch(/continuous\[0\] = NaN was accepted/);
    expect(text).toMatch(/different observation or reward/);
    expect(text).toMatch(/info keys changed/);
    expect(text).toMatch(/after the episode ended did not throw/);
    expect(() => checkEnv(() => new Broken(), { steps: 20 })).toThrow(/environment check failed/);
  });
});
