import { describe, it, expect } from 'vitest';
import { SimEnv } from '../../../src/envs/sim-env.ts';
import { toscnPlugin } from '../../../src/scenarios/registry.ts';
import { resolveToscn } from '../../../src/scenarios/toscn/params.ts';
import { ToscnScenarioSchema } from '../../../src/scenarios/toscn/schema.ts';
import { conservationViolations } from '../../../src/testing.ts';
import { MemorySink } from '../../../src/trace/index.ts';

const params = (extra: object) => resolveToscn(ToscnScenarioSchema.parse({ scenario: 'toscn', ...extra }));

/** Runs two 25-slot episodes with zero actions; returns the trace and the per-slot metrics. */
function run(extra: object) {
  const p = params({ run: { slotsPerEpisode: 25, episodes: 1, evalEpisodes: 1, evalSeeds: 1 }, ...extra });
  const sink = new MemorySink();
  const env = new SimEnv(toscnPlugin, p, { sink });
  const dropped: number[] = [];
  for (let e = 0; e < 2; e++) {
    env.reset({ seed: 100 + e });
    for (let done = false; !done; ) {
      const s = env.step({ continuous: new Float32Array(3 * p.devices) });
      dropped.push(s.info.dropped);
      done = s.truncated;
    }
  }
  return { p, records: sink.records, dropped };
}

describe('toscn: kit components chosen in the scenario file', () => {
  it('defaults to Poisson arrivals at meanPacketsPerSlot and drop-newest buffers (003)', () => {
    const p = params({ traffic: { meanPacketsPerSlot: 3 } });
    expect(p.traffic).toEqual({ model: 'poisson', meanPacketsPerSlot: 3 });
    expect(p.dropPolicy).toBe('drop-newest');
  });

  it('maps an on/off source onto the kit model, keeping the long-run mean', () => {
    const p = params({ traffic: { model: 'onoff', meanPacketsPerSlot: 2, meanOnSlots: 2, meanOffSlots: 6 } });
    expect(p.traffic).toEqual({ model: 'onoff', peakPacketsPerSlot: 8, meanOnSlots: 2, meanOffSlots: 6 });
    expect(() => params({ traffic: { model: 'onoff', meanOnSlots: 0 } })).toThrow(/meanOnSlots/);
    expect(() => params({ traffic: { model: 'mmpp' } })).toThrow();
    expect(() => params({ buffer: { capacity_packets: 6, dropPolicy: 'drop-random' } })).toThrow(/dropPolicy/);
  });

  for (const [name, extra] of [
    ['on/off traffic', { traffic: { model: 'onoff', meanPacketsPerSlot: 4, meanOnSlots: 3, meanOffSlots: 3 } }],
    ['drop-oldest buffers', { traffic: { meanPacketsPerSlot: 6 }, buffer: { capacity_packets: 3, dropPolicy: 'drop-oldest' } }],
  ] as const) {
    it(`runs with ${name}: packets are conserved and drops reach the metrics`, () => {
      const r = run({ packet: { size_bits: 1.6e6 }, ...extra });
      expect(conservationViolations(r.records, r.p.bufferCapacity)).toEqual([]);
      const tracedDrops = r.records
        .filter((x) => x.type === 'buffer.updated' && (x.payload as { cause: string }).cause === 'arrival')
        .reduce((a, x) => a + (x.payload as { dropped: number }).dropped, 0);
      expect(r.dropped.reduce((a, b) => a + b, 0)).toBe(tracedDrops);
      expect(tracedDrops).toBeGreaterThan(0);
    });
  }
});
