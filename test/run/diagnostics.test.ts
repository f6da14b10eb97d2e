import { describe, expect, it } from 'vitest';
import { box, hybrid, multiDiscrete } from '../../src/agents/common/spaces.ts';
import { ActionRecorder } from '../../src/run/diagnostics.ts';

describe('ActionRecorder', () => {
  it('counts components within 1 % of a bound as saturated, per box range', () => {
    const r = new ActionRecorder();
    const space = box(4, [-1, -1, 0, 0], [1, 1, 10, 10]);
    r.record(space, { continuous: Float32Array.of(0.995, -1, 9.95, 5) }); // 0.995 > 0.99; -1 at the bound; 9.95: |9.95-5| = 4.95 > 4.95? no
    r.record(space, { continuous: Float32Array.of(0.5, 0.98, 10, 0) }); // 10 and 0 at the bounds
    const d = r.summary(true);
    expect(d.actions).toBe(2);
    expect(d.saturation).toBeCloseTo(4 / 8, 12);
    expect(d.distinctActions).toBe(2);
    expect(d.warnings).toEqual([]);
  });

  it('warns for a learned policy that is saturated or state-independent, not for a baseline', () => {
    const r = new ActionRecorder();
    for (let i = 0; i < 50; i++) r.record(box(3, -1, 1), { continuous: Float32Array.of(1, -1, 1) });
    expect(r.summary(true).warnings.join('\n')).toMatch(/100\.0 % of action components are saturated[\s\S]*ignores its observation/);
    expect(r.summary(false).warnings).toEqual([]);
    expect(r.summary(true, true).warnings.join('\n')).not.toMatch(/ignores its observation/);
    expect(r.summary(false).distinctActions).toBe(1);
  });

  it('compares hybrid actions by both parts and reports no saturation for a discrete space', () => {
    const r = new ActionRecorder();
    const space = hybrid(box(1, -1, 1), multiDiscrete([3]));
    r.record(space, { continuous: Float32Array.of(0), discrete: Int32Array.of(0) });
    r.record(space, { continuous: Float32Array.of(0), discrete: Int32Array.of(2) });
    expect(r.summary(true).distinctActions).toBe(2);
    const d = new ActionRecorder();
    d.record(multiDiscrete([4]), { discrete: Int32Array.of(1) });
    expect(d.summary(true).saturation).toBeNull();
  });
});
