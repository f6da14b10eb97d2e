/** `semsim run --packet-trace`: per-packet events at their instants; refused by a scenario without packet timing. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'semsim-ptrace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('semsim run --packet-trace', () => {
  it('traces every packet at its own instant inside the slot, and the summary has delay and AoI', async () => {
    const scenario = join(dir, 'small.yaml');
    writeFileSync(scenario, 'scenario: toscn\nrun: { slotsPerEpisode: 4, episodes: 1, evalEpisodes: 1, evalSeeds: 1 }\nagents: [random]\n');
    const out = join(dir, 'run');
    const r = await cli('run', scenario, '--packet-trace', '--trace', 'ndjson', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    const records = readFileSync(join(out, 'trace.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; time: number; slot: number });
    const arrived = records.filter((x) => x.type === 'packet.arrived');
    const delivered = records.filter((x) => x.type === 'packet.delivered');
    expect(arrived.length).toBeGreaterThan(0);
    expect(delivered.length).toBeGreaterThan(0);
    // Off the slot grid (L = 0.2 s): instants inside slots, not slot starts.
    expect(arrived.filter((x) => Math.abs(x.time / 0.2 - Math.round(x.time / 0.2)) > 1e-6).length).toBe(arrived.length);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    for (const m of ['delay', 'delayP95', 'delayP99', 'ageOfInformation', 'dropProbability']) expect(summary.agents.random[m].mean).toBeGreaterThanOrEqual(0);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/Packet timing per device/);
  });

  it('exits 2 naming timing.packetTrace for a scenario without packet timing, writing nothing', async () => {
    const scenario = join(dir, 'edge.yaml');
    writeFileSync(scenario, 'scenario: edge-queue\n');
    const r = await cli('run', scenario, '--packet-trace', '--out', join(dir, 'never'), '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/timing/);
    expect(readdirSync(dir).includes('never')).toBe(false);
  });
});
