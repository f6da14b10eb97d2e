/**
 * SPEC section 4 and issue 12's properties for multicell-ee, over arbitrary joint actions,
 * read back from the trace and recomputed independently of the scenario's code.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidActionError } from '../../../src/envs/action-check.ts';
import { hashRecords } from '../../../src/trace/index.ts';
import { payloads, runPlan, tracedEnv, type Plan } from './harness.ts';

type Applied = { slot: number; forSlot: number; agent: string; applied: { power: number[]; powerLevel: number[]; symbols: number[] } };
type Delivered = { cell: number; slot: number; power: number; symbols: number; qoe: number; sinr: number; similarity: number };
type Reward = { slot: number; rewards: Record<string, number>; metrics: Record<string, number> };

/** 004 Table 1, written out here: p_max = 20 dBm, P_BS = 9 dBW, P_UT = 10 dBm, P_AI = 5 dBm. */
const P_MAX = 0.1;
const FIXED_PER_CELL = 10 ** 0.9 + 0.01 + 10 ** -2.5;

const planArb = (cells: number): fc.Arbitrary<Plan> =>
  fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 18 })), { minLength: cells, maxLength: cells }), { minLength: 1, maxLength: 6 });
const caseArb = fc.integer({ min: 1, max: 7 }).chain((cells) => fc.record({ cells: fc.constant(cells), plan: planArb(cells), seed: fc.integer({ min: 0, max: 1000 }) }));

describe('multicell-ee properties', () => {
  it('powers are codebook entries <= p_max; EE = sum QoE / P_tot from the traced events; QoE in [0, 1]; one equal reward per BS', () => {
    fc.assert(
      fc.property(caseArb, ({ cells, plan, seed }) => {
        const { env, sink } = tracedEnv(cells, 5);
        const stepRewards = runPlan(env, plan, 2, seed);
        const trace = sink.records;
        const applied = payloads<Applied>(trace, 'decision.applied');
        expect(applied.length).toBe(2 * 5 * cells);
        for (const a of applied) {
          const p = a.applied.power[0];
          expect(p).toBeLessThanOrEqual(P_MAX);
          expect([0, 1, 2, 3, 4, 5, 6].some((q) => Math.abs(p - (P_MAX * q) / 6) < 1e-15)).toBe(true);
          expect(p).toBeCloseTo((P_MAX * a.applied.powerLevel[0]) / 6, 15);
        }
        const delivered = payloads<Delivered>(trace, 'semantic.delivered');
        for (const d of delivered) expect(d.qoe >= 0 && d.qoe <= 1).toBe(true);
        for (const d of payloads<{ qoe: number }>(trace, 'link.measured')) expect(d.qoe >= 0 && d.qoe <= 1).toBe(true);
        const rewards = payloads<Reward>(trace, 'reward.computed');
        expect(rewards.length).toBe(2 * 5);
        for (const r of rewards) {
          const mine = delivered.filter((d) => d.episode === r.episode && d.slot === r.slot);
          const powers = applied.filter((a) => a.episode === r.episode && a.slot === r.slot).map((a) => a.applied.power[0]);
          expect(mine.length).toBe(cells);
          const ee = mine.reduce((s, d) => s + d.qoe, 0) / (powers.reduce((s, p) => s + p, 0) + cells * FIXED_PER_CELL);
          expect(r.metrics.ee).toBeCloseTo(ee, 12);
          expect(Object.keys(r.rewards).sort()).toEqual(env.possibleAgents.slice().sort());
          for (const v of Object.values(r.rewards)) expect(v).toBe(r.metrics.ee);
        }
        for (const step of stepRewards) expect(new Set(Object.values(step)).size).toBe(1);
      }),
      { numRuns: 25 },
    );
  });

  it('the realised SINR is the eq. 2 SINR of the traced gains and powers, and falls when an interferer powers up', () => {
    const { env, sink } = tracedEnv(3, 3);
    // Slot 0: BS 1 at level 1; slot 1: BS 1 at level 6; BSs 0 and 2 unchanged.
    runPlan(env, [[[4, 7], [1, 7], [4, 7]], [[4, 7], [6, 7], [4, 7]], [[4, 7], [6, 7], [4, 7]]], 1, 5);
    const measured = payloads<{ cell: number; slot: number; gain: number[] }>(sink.records, 'link.measured');
    const delivered = payloads<Delivered>(sink.records, 'semantic.delivered');
    const noise = 10 ** (-114 / 10) / 1000;
    for (const d of delivered) {
      const h = measured.find((m) => m.cell === d.cell && m.slot === d.slot)!.gain;
      const p = [0, 1, 2].map((j) => delivered.find((x) => x.cell === j && x.slot === d.slot)!.power);
      const interference = [0, 1, 2].filter((j) => j !== d.cell).reduce((s, j) => s + p[j] * h[j], noise);
      expect(d.sinr).toBeCloseTo((p[d.cell] * h[d.cell]) / interference, 12);
      // Same gains, BS 1 at p_max instead of its slot-0 power: cells 0 and 2 lose SINR.
      if (d.slot === 0 && d.cell !== 1) {
        const louder = interference + (P_MAX - p[1]) * h[1];
        expect((p[d.cell] * h[d.cell]) / louder).toBeLessThan(d.sinr);
      }
    }
  });

  it('the same seed and actions give the same trace; another seed another', async () => {
    const plan: Plan = [[[6, 3], [2, 10], [0, 18]], [[1, 1], [5, 5], [3, 12]]];
    const hash = async (seed: number): Promise<string> => {
      const { env, sink } = tracedEnv(3, 6);
      runPlan(env, plan, 2, seed);
      return hashRecords(sink.records);
    };
    expect(await hash(4)).toBe(await hash(4));
    expect(await hash(4)).not.toBe(await hash(5));
  });

  it('rejects non-finite, fractional and out-of-range actions with a clear error, leaving the episode usable', () => {
    const { env } = tracedEnv(3, 4);
    env.reset({ seed: 1 });
    const good = { discrete: Int32Array.of(3, 3) };
    const all = (bad: unknown) => ({ 'bs/0': good, 'bs/1': bad, 'bs/2': good }) as never;
    const cases: [unknown, RegExp][] = [
      [{ discrete: [NaN, 3] }, /bs\/1.*discrete\[0\] is NaN; allowed: integers 0\.\.6/],
      [{ discrete: [Infinity, 3] }, /discrete\[0\] is Infinity/],
      [{ discrete: [7, 3] }, /discrete\[0\] is 7; allowed: integers 0\.\.6/],
      [{ discrete: [-1, 3] }, /discrete\[0\] is -1/],
      [{ discrete: [2, 19] }, /discrete\[1\] is 19; allowed: integers 0\.\.18/],
      [{ discrete: [2.5, 3] }, /discrete\[0\] is 2\.5/],
      [{ discrete: [2] }, /has 1 values; expected 2/],
      [{ continuous: Float32Array.of(0.5) }, /needs a discrete part/],
    ];
    for (const [bad, message] of cases) {
      expect(() => env.step(all(bad))).toThrow(InvalidActionError);
      expect(() => env.step(all(bad))).toThrow(message);
    }
    expect(env.step(all(good)).rewards['bs/1']).toBeGreaterThan(0);
  });

  it('a report delay of k slots moves each reward k slots later and loses the last k', () => {
    const { env, sink } = tracedEnv(2, 6, { control: { reportDelay_slots: 2 } });
    const rewards = runPlan(env, [[[3, 5], [3, 5]]], 1);
    const computed = sink.records.filter((r) => r.type === 'reward.computed');
    expect(computed.map((r) => [(r.payload as Reward).slot, r.slot])).toEqual([[0, 2], [1, 3], [2, 4], [3, 5]]);
    expect(rewards.map((r) => r['bs/0'] > 0)).toEqual([false, false, true, true, true, true]);
  });

  it('each BS applies decisions after its own decision delay (the fallback before)', () => {
    const { env, sink } = tracedEnv(3, 5, { control: { decisionDelay_slots: [0, 1, 3] } });
    runPlan(env, [[[2, 2], [2, 2], [2, 2]]], 1);
    const forSlots = (agent: string) => payloads<Applied>(sink.records, 'decision.applied').filter((a) => a.agent === agent).map((a) => a.forSlot);
    expect(forSlots('bs/0')).toEqual([0, 1, 2, 3, 4]);
    expect(forSlots('bs/1')).toEqual([-1, 0, 1, 2, 3]);
    expect(forSlots('bs/2')).toEqual([-1, -1, -1, 0, 1]);
  });
});
