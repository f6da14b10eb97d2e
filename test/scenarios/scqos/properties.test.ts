/**
 * Issue 13's properties for scqos, over arbitrary agent outputs, read back from the trace and
 * checked against independently derived bounds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hybrid, box, multiDiscrete } from '../../../src/agents/common/spaces.ts';
import { InvalidActionError } from '../../../src/envs/action-check.ts';
import { complexMatrix } from '../../../src/models/phy/complex.ts';
import { sbqDecode, sbqEncode, sbqErrorBound } from '../../../src/models/semantic/sbq.ts';
import { RootRandom } from '../../../src/random/index.ts';
import { allocationOf } from '../../../src/scenarios/scqos/logic.ts';
import { transmitSentence } from '../../../src/scenarios/scqos/path.ts';
import { actionArbitrary } from '../../../src/testing.ts';
import { hashRecords } from '../../../src/trace/index.ts';
import { paramsOf, payloads, runPlan, tracedEnv } from './harness.ts';

type Applied = { slot: number; applied: { subchannel: number[]; bandwidth: number[]; power: number[]; bits: number[]; snrDb: number[] } };
type Measured = { user: number; slot: number; bits: number; similarity: number; bitErrors: number; bitsSent: number };

// Table I, written out here: B = 90 kHz, P_T = -10 dBm = 1e-4 W; 3 users, 3 subchannels, 6 antennas, codecs 1-3 bits.
const B = 90e3;
const PT = 1e-4;
const space = hybrid(box(6, -1, 1), multiDiscrete([3, 3, 3, 6]));

describe('scqos: budgets and assignments for any agent output', () => {
  it('every traced slot has distinct subchannels, sum b_u <= B, sum ||f_u||^2 <= P_T, none negative (out-of-box actions too)', () => {
    const wide = fc.record({
      continuous: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 6 }).map((a) => Float32Array.from(a)),
      discrete: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 5 })).map((d) => Int32Array.from(d)),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(actionArbitrary(space), wide), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 1000 }), (plan, seed) => {
        const { env, sink } = tracedEnv(4);
        runPlan(env, plan, 1, seed);
        const applied = payloads<Applied>(sink.records, 'decision.applied');
        expect(applied.length).toBe(4);
        for (const { applied: a } of applied) {
          expect(new Set(a.subchannel).size).toBe(3);
          for (const c of a.subchannel) expect(c >= 0 && c < 3).toBe(true);
          for (const x of [...a.bandwidth, ...a.power]) expect(x).toBeGreaterThanOrEqual(0);
          expect(a.bandwidth.reduce((s, x) => s + x, 0)).toBeLessThanOrEqual(B * (1 + 1e-12));
          expect(a.power.reduce((s, x) => s + x, 0)).toBeLessThanOrEqual(PT * (1 + 1e-12));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('with full beams the budget holds too, whatever the beam entries', () => {
    const p = paramsOf({ beamforming: 'full' });
    const channel = complexMatrix(9, 6);
    channel.re.fill(1e-4);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 3 + 36, maxLength: 3 + 36 }), fc.integer({ min: 0, max: 5 }), (x, perm) => {
        const a = allocationOf({ continuous: x, discrete: [0, 1, 2, perm] }, channel, p);
        expect(a.power.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(PT * (1 + 1e-12));
        expect(a.bandwidth.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(B * (1 + 1e-12));
      }),
      { numRuns: 100 },
    );
  });

  it('NaN and infinities are rejected naming the entry, and never reach the trace', () => {
    fc.assert(
      fc.property(actionArbitrary(space, { nonFinite: true }), (action) => {
        const bad = Array.from(action.continuous ?? [NaN]).some((x) => !Number.isFinite(x)) || Array.from(action.discrete ?? [-1]).some((d, i) => !Number.isInteger(d) || d < 0 || d >= space.discrete.nvec[i]);
        const { env, sink } = tracedEnv(3);
        env.reset({ seed: 1 });
        const before = sink.records.length;
        if (bad) {
          expect(() => env.step(action)).toThrow(InvalidActionError);
          expect(sink.records.length).toBe(before);
        } else env.step(action);
        for (const r of sink.records) expect(JSON.stringify(r.payload)).not.toMatch(/null|NaN|Infinity/);
      }),
      { numRuns: 40 },
    );
    const p = paramsOf();
    expect(() => allocationOf({ continuous: [0, NaN, 0, 0, 0, 0], discrete: [0, 0, 0, 0] }, complexMatrix(9, 6), p)).toThrow(/action.continuous\[1\] is NaN/);
  });
});

describe('scqos: the codec path', () => {
  const p = paramsOf({ codec: { compensator: false } });

  it('codes fit in n bits and the SBQ round trip is within its bound, on the scenario source and p_th', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(1, 2, 3), (seed, n) => {
        const e = p.source.draw(new RootRandom(seed).stream('s'));
        const codes = sbqEncode(e, n, p.threshold);
        const back = sbqDecode(codes, n, p.threshold);
        for (let i = 0; i < e.length; i++) {
          expect(codes[i]).toBeLessThan(2 ** n);
          expect(Math.abs(e[i] - back[i])).toBeLessThanOrEqual(sbqErrorBound(e[i], n, p.threshold) + 1e-12);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('bit errors fall to 0 as the SNR grows (none at all from 40 dB)', () => {
    const errorsAt = (db: number, seed: number): number => {
      const rng = new RootRandom(seed);
      let errors = 0;
      for (let k = 0; k < 20; k++) errors += transmitSentence(p.source.draw(rng.stream(`s${k}`)), 3, p.threshold, 10 ** (db / 10), null, rng.stream(`n${k}`)).bitErrors;
      return errors;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 40, max: 300, noNaN: true }), (seed, high) => {
        expect(errorsAt(high, seed)).toBe(0);
      }),
      { numRuns: 50 },
    );
    const curve = [0, 5, 10, 15, 20].map((db) => errorsAt(db, 7));
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeLessThan(curve[i - 1]);
  });

  it('S is in [0, 1]; with no bit errors, 3 bits and no compensator, 1 - S <= 2 sum(bound_i^2) / |e|^2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: -10, max: 60, noNaN: true }), fc.constantFrom(1, 2, 3), (seed, db, n) => {
        const rng = new RootRandom(seed);
        const e = p.source.draw(rng.stream('s'));
        const r = transmitSentence(e, n, p.threshold, 10 ** (db / 10), null, rng.stream('n'));
        expect(r.similarity >= 0 && r.similarity <= 1).toBe(true);
        if (n !== 3 || r.bitErrors > 0) return;
        // |a/|a| - b/|b|| <= 2 |a - b| / |a|, and 1 - cos = |a/|a| - b/|b||^2 / 2.
        let bound = 0;
        let norm = 0;
        for (const x of e) {
          bound += sbqErrorBound(x, 3, p.threshold) ** 2;
          norm += x * x;
        }
        expect(1 - r.similarity).toBeLessThanOrEqual((2 * bound) / norm + 1e-12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('scqos: the trace', () => {
  it('records one step of each kind per user per slot, in path order, and S, bits and errors agree between steps', () => {
    const { env, sink } = tracedEnv(3);
    runPlan(env, [{ continuous: new Float32Array(6), discrete: Int32Array.of(2, 1, 0, 3) }], 1, 5);
    const path = ['semantic.embedded', 'codec.encoded', 'modulation.mapped', 'channel.transmitted', 'codec.decoded', 'codec.compensated', 'semantic.measured'];
    for (let slot = 0; slot < 3; slot++) {
      for (let u = 0; u < 3; u++) {
        const mine = sink.records.filter((r) => r.slot === slot && (r.payload as { user?: number }).user === u && path.includes(r.type));
        expect(mine.map((r) => r.type)).toEqual(path);
      }
    }
    const measured = payloads<Measured>(sink.records, 'semantic.measured');
    expect(measured.map((m) => m.bits).slice(0, 3)).toEqual([3, 2, 1]);
    for (const m of measured) expect(m.bitsSent).toBe(64 * m.bits);
  });

  it('the same seed gives the same trace; another seed another', async () => {
    const plan = [{ continuous: Float32Array.of(0.2, -0.4, 0.1, 0.5, 0, -0.3), discrete: Int32Array.of(0, 1, 2, 4) }];
    const hash = (seed: number): Promise<string> => {
      const { env, sink } = tracedEnv(5);
      runPlan(env, plan, 2, seed);
      return hashRecords(sink.records);
    };
    expect(await hash(3)).toBe(await hash(3));
    expect(await hash(3)).not.toBe(await hash(4));
  });
});
