/** Runs toscn simulations for the property suites and slices their traces. */
import fc from 'fast-check';
import { buildToscn } from '../../src/scenarios/toscn/build.ts';
import { resolveToscn, type ToscnParams } from '../../src/scenarios/toscn/params.ts';
import { ToscnScenarioSchema } from '../../src/scenarios/toscn/schema.ts';
import { MemorySink, type TraceRecord } from '../../src/trace/index.ts';

/** The scenario knobs the properties range over (SPEC section 1 ranges, smaller episodes). */
export interface ScenarioCase {
  readonly devices: number;
  readonly bandwidthMhz: number;
  readonly powerW: number;
  readonly vmax: number;
  readonly arrivalMean: number;
  readonly delaySlots: number;
  readonly packetBits: number;
  readonly slots: number;
  readonly seed: number;
}

export const scenarioArb: fc.Arbitrary<ScenarioCase> = fc.record({
  devices: fc.integer({ min: 1, max: 8 }),
  bandwidthMhz: fc.double({ min: 2, max: 8, noNaN: true }),
  powerW: fc.double({ min: 0.14, max: 0.2, noNaN: true }),
  vmax: fc.integer({ min: 1, max: 10 }),
  arrivalMean: fc.double({ min: 0, max: 8, noNaN: true }),
  delaySlots: fc.integer({ min: 0, max: 3 }),
  // 003 Table I and eight times it (scarce links, so queues fill and packets drop).
  packetBits: fc.constantFrom(2e5, 1.6e6),
  slots: fc.integer({ min: 2, max: 6 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});

/** Resolved parameters of a case, through the real schema. */
export function caseParams(c: ScenarioCase): ToscnParams {
  return resolveToscn(
    ToscnScenarioSchema.parse({
      scenario: 'toscn',
      seed: c.seed,
      devices: { count: c.devices, redrawEachEpisode: true },
      budgets: { bandwidth_mhz: c.bandwidthMhz, power_w: c.powerW },
      buffer: { capacity_packets: c.vmax },
      traffic: { meanPacketsPerSlot: c.arrivalMean },
      packet: { size_bits: c.packetBits },
      control: { decisionDelay: { slots: c.delaySlots }, shareTemperature: 4 },
      run: { slotsPerEpisode: c.slots, episodes: 1, evalEpisodes: 1, evalSeeds: 1 },
    }),
  );
}

/** Finite action entries, from tame to absurd: inside the box, just outside, huge, tiny, signed zeros. */
export const finiteEntryArb: fc.Arbitrary<number> = fc.oneof(
  fc.double({ min: -1, max: 1, noNaN: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1e300, 1e300, -Number.MAX_VALUE, Number.MAX_VALUE, 5e-324, -0, 1.0000001, -1.0000001),
);

/**
 * Runs `episodes` episodes in run mode (the agent host answers decisions from `policy`) and
 * returns the trace. Actor errors are rethrown after the run.
 */
export function runEpisodes(
  p: ToscnParams,
  seed: number,
  episodes: number,
  policy: (observation: Float32Array) => ArrayLike<number>,
  sink: MemorySink = new MemorySink(),
): TraceRecord[] {
  const sim = buildToscn(p, { sink, policy: (o) => ({ continuous: policy(o) }) });
  for (let ep = 0; ep < episodes; ep++) {
    sim.clock.startEpisode(ep, (seed + ep) >>> 0);
    sim.scheduler.run({ predicate: (e) => e.event.type === 'episode.ended' });
    sim.scheduler.run({ time: sim.scheduler.now() }); // the final state, in the same instant
    sim.scheduler.run({ before: sim.clock.slotTime(p.slotsPerEpisode) }); // timed events inside the last slot
    sim.system.assertHealthy();
  }
  sim.system.stopAll();
  return [...sink.records];
}

/** A policy replaying `actions` in order, cycling. */
export function replay(actions: readonly (readonly number[])[]): (observation: Float32Array) => number[] {
  let i = 0;
  return () => [...actions[i++ % actions.length]];
}

/**
 * Payloads of one event type, optionally within one episode. Kernel decision payloads are
 * flattened for the checks: `decision.applied` spreads its `applied` vectors, and
 * `decision.made`'s `action` is its continuous part.
 */
export function payloads<T>(records: readonly TraceRecord[], type: string, episode?: number): (T & { readonly _rec: TraceRecord })[] {
  return records.filter((r) => r.type === type && (episode === undefined || r.episode === episode)).map((r) => ({ ...flatten(r), _rec: r }) as T & { _rec: TraceRecord });
}

/** A record's payload with kernel decision payloads flattened (see `payloads`). */
export function flatten(r: TraceRecord): Record<string, unknown> {
  const p = r.payload as Record<string, unknown>;
  if (r.type === 'decision.applied') return { ...p, ...(p.applied as object) };
  if (r.type === 'decision.made') return { ...p, action: (p.action as { continuous?: number[] }).continuous };
  return p;
}
