import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/scenarios/loader.ts';
import type { ScqosParams } from '../../../src/scenarios/scqos/params.ts';

describe('scqos scenario file', () => {
  it('resolves Table I with our noise reading: P_T = 1e-4 W, sigma^2 = 1e-14 W, B = 90 kHz; literal W on request', () => {
    const resolve = (text: string) => {
      const { plugin, file } = parseScenario(text);
      return plugin.resolve(file) as ScqosParams;
    };
    const p = resolve('scenario: scqos\n');
    expect(p.transmitPower).toBeCloseTo(1e-4, 15);
    expect(p.noise).toBeCloseTo(1e-14, 25);
    expect(p.bandwidth).toBe(90e3);
    expect(p.latencyFeatures).toBe(64);
    expect(p.compensators?.length).toBe(3);
    expect(resolve('scenario: scqos\nnoiseUnit: W\ncodec: { compensator: false, latencyCountsFeatures: false }\n')).toMatchObject({ noise: 0.01, compensators: null, latencyFeatures: 1 });
  });

  it('rejects more users than subchannels and codecs out of order, naming the field', () => {
    expect(() => parseScenario('scenario: scqos\nusers: 4\n')).toThrow(/users: each user needs its own subchannel/);
    expect(() => parseScenario('scenario: scqos\ncodec: { bits: [1, 3, 2] }\n')).toThrow(/codec\.bits\.2: bits must increase/);
    expect(() => parseScenario('scenario: scqos\nsubchannels: 6\n')).toThrow(/subchannels/);
  });
});
