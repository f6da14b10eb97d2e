/**
 * The generated reading of a run: the best agent by reward and who is separated from it, and per
 * metric the leader in the metric's better direction (the largest when it has none).
 */
import { describe, expect, it } from 'vitest';
import { readResults } from '../../src/run/reading.ts';
import type { RunResult } from '../../src/run/pipeline.ts';
import type { MetricSpec } from '../../src/scenarios/plugin.ts';

const iv = (mean: number, half: number) => ({ mean, ci95: [mean - half, mean + half] as [number, number], n: 5 });
const METRICS: MetricSpec[] = [
  { name: 'reward', unit: 'r', description: '', better: 'higher', perEpisode: 'sum' },
  { name: 'dropped', unit: 'packets', description: '', better: 'lower', perEpisode: 'sum' },
  { name: 'level', unit: 'level', description: '', perEpisode: 'mean' },
];

/** A run with three evaluated agents and nothing else (no training, no diagnostics). */
function run(): RunResult {
  const agents = {
    a: { reward: iv(10, 1), dropped: iv(5, 0.5), level: iv(1, 0.1), violations: 0 },
    b: { reward: iv(9.5, 1), dropped: iv(1, 0.2), level: iv(3, 0.1), violations: 0 },
    c: { reward: iv(2, 0.5), dropped: iv(9, 1), level: iv(2, 0.1), violations: 2 },
  };
  return { kind: 'test', params: {}, training: {}, trainingLog: {}, evaluation: {}, actionCounts: {}, trainingRuns: {}, trainingSpread: {}, agents, breakdowns: {}, diagnostics: {}, firstEpisode: {}, episodes: [], evalSeeds: [1, 2, 3, 4, 5] } as unknown as RunResult;
}

describe('readResults', () => {
  it('names the best agent by reward, the one it is separated from and the one it is not', () => {
    const reading = readResults(METRICS, run());
    expect(reading.best).toBe('a');
    expect(reading.findings[1]).toMatch(/ahead of c \(2 /);
    expect(reading.findings[2]).toMatch(/not separated from b \(9\.5 /);
  });

  it('reads a lower-is-better metric by its smallest value, and a metric without a direction by its largest', () => {
    const findings = readResults(METRICS, run()).findings;
    expect(findings).toContain("Best dropped (packets, lower is better): b, 1 [0.8, 1.2], separated from a's 5 [4.5, 5.5].");
    expect(findings).toContain("Largest level (level): b, 3 [2.9, 3.1], separated from c's 2 [1.9, 2.1].");
  });

  it('warns of constraint violations and of an interrupted run', () => {
    const result = run();
    result.interrupted = { agent: 'c', stage: 'eval', episode: 3 };
    const warnings = readResults(METRICS, result).warnings;
    expect(warnings).toContain('c: 2 constraint violations in evaluation.');
    expect(warnings.some((w) => w.startsWith('The run was interrupted during eval of c'))).toBe(true);
  });
});
