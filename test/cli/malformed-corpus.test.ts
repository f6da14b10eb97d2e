/**
 * The malformed-input corpus (issue 17): every case exits 2, names its field or flag, prints no
 * stack trace and writes nothing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';
import { malformedFlagCases, malformedScenarioCases, type MalformedCase } from './malformed-corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'semsim-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const validYaml = 'scenario: toscn\nrun: { slotsPerEpisode: 2, episodes: 1, evalEpisodes: 1, evalSeeds: 1 }\nagents: [random]\n';
const scenarioCases = malformedScenarioCases();
const flagCases = malformedFlagCases(validYaml);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function expectRejected(c: MalformedCase): Promise<void> {
  const file = join(dir, 'case.yaml');
  writeFileSync(file, c.yaml);
  const out = join(dir, 'never');
  const r = await cli('run', file, '--trace', 'none', '--out', out, '--quiet', ...c.flags);
  expect(r.code, `${c.id}: ${r.err}`).toBe(2);
  // The field at the start of an error line (scenario fields) or anywhere (flags).
  const named = c.field.startsWith('--') ? new RegExp(escape(c.field)) : new RegExp(`(^|\\n|: |\\s)${escape(c.field)}[:. ]`);
  expect(r.err, c.id).toMatch(named);
  expect(r.err, `${c.id}: stack trace`).not.toMatch(/\n\s+at /);
  expect(existsSync(out), `${c.id}: wrote ${out}`).toBe(false);
  expect(readdirSync(dir), `${c.id}: left files`).toEqual(['case.yaml']);
}

describe('the malformed-input corpus', () => {
  it('has at least 100 scenario cases and covers every registered kind', () => {
    expect(scenarioCases.length).toBeGreaterThanOrEqual(100);
    for (const kind of ['toscn', 'multicell-ee', 'edge-queue']) expect(scenarioCases.some((c) => c.id.startsWith(`${kind} `))).toBe(true);
  });

  it.each(scenarioCases.map((c) => [c.id, c] as const))('scenario file %s: exit 2, field named, no stack, nothing written', async (_id, c) => {
    await expectRejected(c);
  });

  it.each(flagCases.map((c) => [c.id, c] as const))('flags %s: exit 2, flag named, no stack, nothing written', async (_id, c) => {
    await expectRejected(c);
  });
});
